from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from draws.models import Occupation
from eligibility.results.services import results_recompute_for_profile
from profiles import selectors, services, tokens
from profiles.forms import MAX_ROWS, AccountDeleteForm, SignUpForm, SignUpPasswordForm
from profiles.sections import SECTIONS, SECTIONS_BY_SLUG, section_missing


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("profiles:mine")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up_requested(email=form.cleaned_data["email"])
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/signup_sent.html")


@require_http_methods(["GET", "POST"])
@cache_control(private=True, no_store=True)  # the page names the address of the link
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of a sign-up email: choose a password, and the account exists, confirmed."""
    if request.user.is_authenticated:
        return redirect("profiles:mine")
    email = tokens.email_of_sign_up_token(token)
    if email is None:
        return render(request, "registration/link_invalid.html", status=400)
    if selectors.user_exists(email=email):
        messages.info(request, "This address has an account already: log in.")
        return redirect("login")
    form = SignUpPasswordForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(email=email, password=form.cleaned_data["new_password1"])
        except IntegrityError:  # the same link, followed twice at once
            messages.info(request, "This address has an account already: log in.")
            return redirect("login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your address is confirmed. Start by filling in your profile.")
        return redirect("profiles:mine")
    return render(request, "registration/signup_confirm.html", {"form": form, "email": email})


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/account.html")


@login_required
@require_POST
def address_confirmation_send(request: HttpRequest) -> HttpResponse:
    if request.user.email_verified_at is None:
        services.address_confirmation_send(user=request.user)
        messages.success(request, f"We sent a link to {request.user.email}: follow it to confirm.")
    return redirect("account")


@login_required
@require_GET
def address_confirm(request: HttpRequest, token: str) -> HttpResponse:
    user = request.user
    if not tokens.confirms_address(token, user_id=user.pk, email=user.email):
        return render(request, "registration/link_invalid.html", status=400)
    if user.email_verified_at is None:
        services.user_confirm_address(user=user)
    messages.success(request, "Your address is confirmed: draw alerts can reach you.")
    return redirect("account")


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)  # this browser's session went with the account: start a fresh one
        messages.success(request, "Your account, profile and results have been deleted.")
        return redirect("home")
    return render(request, "registration/account_delete.html", {"form": form})


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own profile, created empty on first visit."""
    profile = services.profile_get_or_create(user=request.user)
    return redirect(profile)


@login_required
@require_GET
def overview(request: HttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    profile = selectors.profile_get_for_user(user=request.user, profile_id=profile_id)
    missing = section_missing(profile)
    return render(
        request,
        "profiles/overview.html",
        {"profile": profile, "sections": SECTIONS, "missing": missing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, profile_id: uuid.UUID, section: str) -> HttpResponse:
    profile = selectors.profile_get_for_user(user=request.user, profile_id=profile_id)
    current = SECTIONS_BY_SLUG.get(section)
    if current is None:
        raise Http404("No such section.")
    data = request.POST if request.method == "POST" else None
    form = current.form(data, instance=profile) if current.form else None
    entry_lists = [
        (entry, entry.formset(data, instance=profile, prefix=entry.prefix, person=entry.person))
        for entry in current.entries
    ]
    formsets = [formset for _, formset in entry_lists]
    if any(formset.count_is_forged() for formset in formsets):
        # Answered at once: building and showing the rows again costs about a second.
        return HttpResponseBadRequest(
            f"A list holds at most {MAX_ROWS} rows, and this page never sends more: reload it.",
            content_type="text/plain; charset=utf-8",
        )
    if data is not None:
        valid = (form is None or form.is_valid()) & all([fs.is_valid() for fs in formsets])
        if valid:
            services.profile_section_save(profile=profile, form=form, formsets=formsets)
            results_recompute_for_profile(profile_id=profile.pk)
            messages.success(request, f"Saved “{current.title}”.")
            return redirect(profile)
    occupations = (
        Occupation.objects.values_list("code", "title") if current.needs_occupations() else []
    )
    return render(
        request,
        "profiles/section.html",
        {
            "profile": profile,
            "section": current,
            "form": form,
            "entry_lists": entry_lists,
            "occupations": occupations,
            "has_errors": data is not None,
        },
    )


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a login refused after too many wrong passwords."""
    context = {
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
