// Progressive enhancement: an "Add" button that appends a blank row to a formset, up to the
// formset's maximum (the server refuses more rows either way), and moves the focus into it.
// Without JavaScript the formset offers one blank row per save; with it, that blank row is
// removed when the list has saved rows already, so the button is the one way to add.
document.querySelectorAll("fieldset.entries").forEach((fieldset) => {
  const prefix = fieldset.dataset.prefix;
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const initial = Number(fieldset.querySelector(`input[name="${prefix}-INITIAL_FORMS"]`).value);
  const max = Number(fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`).value);
  const template = fieldset.querySelector("template.empty-row");
  const button = fieldset.querySelector("button.add-row");
  const rows = fieldset.querySelector(".rows");
  const blank = rows.querySelectorAll(".entry[data-blank]");
  // Blank rows are the last ones: removing them keeps the indexes of the others.
  if (initial > 0 && blank.length === Number(total.value) - initial) {
    blank.forEach((row) => row.remove());
    total.value = String(initial);
  }
  const refresh = () => {
    button.hidden = Number(total.value) >= max;
  };
  refresh();
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    refresh();
    rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea").focus();
  });
});
