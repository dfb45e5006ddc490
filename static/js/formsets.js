// Progressive enhancement: an "Add" button that appends a blank row to a formset, up to the
// formset's maximum (the server refuses more rows either way).
// Without JavaScript the formset always offers one blank row per save.
document.querySelectorAll("fieldset.entries").forEach((fieldset) => {
  const prefix = fieldset.dataset.prefix;
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const max = Number(fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`).value);
  const template = fieldset.querySelector("template.empty-row");
  const button = fieldset.querySelector("button.add-row");
  const refresh = () => {
    button.hidden = Number(total.value) >= max;
  };
  refresh();
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    fieldset.querySelector(".rows").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    refresh();
  });
});
