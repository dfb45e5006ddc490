from __future__ import annotations

import uuid
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from draws.models import Occupation, OccupationTitle
from eligibility.api import MAX_BODY_BYTES, declared_length
from eligibility.candidate_json import CandidateFormatError
from eligibility.profile_io import candidate_for_profile, profile_as_json, profile_replace
from eligibility.results.services import results_recompute_for_profile
from profiles import selectors, services, tokens
from profiles.forms import (
    MAX_ROWS,
    AccessTokenForm,
    AccountDeleteForm,
    ProfileFileForm,
    SignUpForm,
    SignUpPasswordForm,
)
from profiles.http import AuthenticatedHttpRequest
from profiles.models import User
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
        messages.info(request, _("This address has an account already: log in."))
        return redirect("login")
    form = SignUpPasswordForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(
                email=email,
                password=form.cleaned_data["new_password1"],
                language=translation.get_language(),
            )
        except IntegrityError:  # the same link, followed twice at once
            messages.info(request, _("This address has an account already: log in."))
            return redirect("login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your address is confirmed. Start by filling in your profile."))
        return redirect("profiles:mine")
    return render(request, "registration/signup_confirm.html", {"form": form, "email": email})


@csrf_exempt  # for visitors only: see below
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language: the cookie, then back to the page.

    A visitor's switch carries no CSRF token, so public pages hold no per-visitor token and
    stay cacheable; a forged switch could only change a cookie's display language. A signed-in
    person's choice is also saved on the account (pages on every device and emails follow it),
    so that switch is CSRF-checked like every other write.
    """
    if request.user.is_authenticated:
        return _language_set_for_account(request)
    return set_language(request)


@csrf_protect
def _language_set_for_account(request: HttpRequest) -> HttpResponse:
    response = set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        user = cast(User, request.user)  # signed in: language_set sends only them here
        services.user_set_language(user=user, language=language)
    return response


@login_required
@require_GET
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _account_page(request, AccessTokenForm(user=request.user))


def _account_page(
    request: AuthenticatedHttpRequest, token_form: AccessTokenForm, status: int = 200
) -> Any:
    tokens = selectors.access_tokens_for_user(user=request.user)
    context = {"token_form": token_form, "tokens": tokens, "now": timezone.now()}
    return render(request, "registration/account.html", context, status=status)


@login_required
@require_POST
def access_token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a token and show it, this once: only its digest is kept. Answered here rather
    than after a redirect, so the token is never stored in the session."""
    form = AccessTokenForm(request.POST, user=request.user)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    row, token = services.access_token_create(
        user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
    )
    return render(request, "registration/access_token_created.html", {"row": row, "token": token})


@login_required
@require_POST
def access_token_revoke(request: AuthenticatedHttpRequest, token_id: uuid.UUID) -> HttpResponse:
    if not services.access_token_revoke(user=request.user, public_id=token_id):
        raise Http404("No such token.")
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("account")


@login_required
@require_POST
def address_confirmation_send(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.email_verified_at is None:
        services.address_confirmation_send(user=request.user)
        messages.success(
            request,
            _("We sent a link to %(email)s: follow it to confirm.") % {"email": request.user.email},
        )
    return redirect("account")


@login_required
@require_GET
def address_confirm(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    user = request.user
    if not tokens.confirms_address(token, user_id=user.pk, email=user.email):
        return render(request, "registration/link_invalid.html", status=400)
    if user.email_verified_at is None:
        services.user_confirm_address(user=user)
    messages.success(request, _("Your address is confirmed: draw alerts can reach you."))
    return redirect("account")


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)  # this browser's session went with the account: start a fresh one
        messages.success(request, _("Your account, profile and results have been deleted."))
        return redirect("home")
    return render(request, "registration/account_delete.html", {"form": form})


def own_profile_or_offer(request: AuthenticatedHttpRequest, *, url_name: str) -> HttpResponse:
    """The signed-in user's page `url_name` (taking the profile's id). Without a profile, a GET
    shows a page whose button creates it, and that POST (the only write) goes on to the page.
    Creating is idempotent: a second click finds the profile made by the first."""
    if request.method == "POST":
        profile = services.profile_get_or_create(user=request.user)
        return redirect(url_name, profile.public_id)
    profile_id = selectors.profile_id_for_user(user=request.user)
    if profile_id is None:
        return render(request, "profiles/create.html")
    return redirect(url_name, profile_id)


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's own profile (see `own_profile_or_offer`)."""
    return own_profile_or_offer(request, url_name="profiles:overview")


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    profile = selectors.profile_get_for_user(user=request.user, profile_id=profile_id)
    missing = section_missing(profile)
    return render(
        request,
        "profiles/overview.html",
        {"profile": profile, "sections": SECTIONS, "missing": missing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(
    request: AuthenticatedHttpRequest, profile_id: uuid.UUID, section: str
) -> HttpResponse:
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
    formsets = [formset for _entry, formset in entry_lists]
    if any(formset.count_is_forged() for formset in formsets):
        # Answered at once: building and showing the rows again costs about a second.
        return HttpResponseBadRequest(
            _("A list holds at most %(limit)s rows, and this page never sends more: reload it.")
            % {"limit": MAX_ROWS},
            content_type="text/plain; charset=utf-8",
        )
    if data is not None:
        valid = (form is None or form.is_valid()) & all([fs.is_valid() for fs in formsets])
        if valid:
            services.profile_section_save(profile=profile, form=form, formsets=formsets)
            results_recompute_for_profile(profile_id=profile.pk)
            messages.success(request, _("Saved “%(title)s”.") % {"title": current.title})
            return redirect(profile)
    # The suggestions: each unit group under its title and under its everyday titles ("31102
    # family doctor"), in one query; the code at the start is what the field reads.
    occupations = (
        Occupation.objects.order_by()
        .values_list("code", "title")
        .union(OccupationTitle.objects.order_by().values_list("occupation_id", "title"), all=True)
        .order_by("code", "title")
        if current.needs_occupations()
        else []
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


@login_required
@require_GET
def profile_download(request: AuthenticatedHttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    """The profile as a candidate JSON file: what `evaluate_candidate`, the API and
    "Replace my profile from a file" read."""
    profile = selectors.profile_get_for_user(user=request.user, profile_id=profile_id)
    data = profile_as_json(profile)
    if data is None:
        messages.error(request, _("Fill in “About you” first: a profile file needs a birth date."))
        return redirect(profile)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="express-entry-profile.json"'
    return response


#: A multipart body carries the file and a little more (the CSRF token, boundaries).
UPLOAD_OVERHEAD_BYTES = 16 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def profile_upload(request: AuthenticatedHttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    """Replace the whole profile from a file, with the API's checks; an invalid file changes
    nothing and each problem is named by its field."""
    profile = selectors.profile_get_for_user(user=request.user, profile_id=profile_id)
    context: dict[str, Any] = {"profile": profile, "problems": {}}
    length = declared_length(request) or 0
    if request.method == "POST" and length > MAX_BODY_BYTES + UPLOAD_OVERHEAD_BYTES:
        # Refused before Django reads the upload.
        context["form"] = ProfileFileForm()
        context["problems"] = {
            "file": _("The file is larger than %(limit)s KiB.") % {"limit": MAX_BODY_BYTES // 1024}
        }
        return render(request, "profiles/upload.html", context, status=413)
    form = ProfileFileForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            candidate = candidate_for_profile(form.cleaned_data["file"])
        except CandidateFormatError as error:
            context["problems"] = error.problems
        else:
            profile_replace(profile=profile, candidate=candidate)
            messages.success(request, _("Your profile was replaced by the file's."))
            return redirect(profile)
    status = 400 if request.method == "POST" else 200
    return render(request, "profiles/upload.html", context, status=status)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a login refused after too many wrong passwords."""
    context = {
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
