"""Calendar feeds (달력 구독): the public schedule of an office, a user's private feed behind a
secret address, and the page where a user makes and revokes those addresses."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import get_usage

from sijeong.accounts.lockout import client_address
from sijeong.accounts.models import User
from sijeong.accounts.roles import visible
from sijeong.core.models import Office
from sijeong.schedule.models import Domain, Event
from sijeong.schedule.public import public_events, seconds_to_midnight
from sijeong.schedule.rules import particle
from sijeong.web.offices import office_for

from . import ical
from .models import FeedToken

# Requests per address to either feed, counted in the database cache that every worker
# process shares (settings.RATELIMIT_USE_CACHE).
DEFAULT_RATE = "60/m"
# A user polling from several devices needs a few addresses, not hundreds.
MAX_ACTIVE_TOKENS = 20


def _object(word: str) -> str:
    """The object particle `word` takes: 을 after a consonant, 를 after a vowel."""
    return particle(word, "을", "를")


def _text(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, content_type="text/plain; charset=utf-8", status=status)


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    """429 when the address asked for a feed more often than SIJEONG_FEED_RATE allows."""
    usage = get_usage(
        request,
        group="feeds",
        key=lambda group, request: client_address(request) or "",
        rate=getattr(settings, "SIJEONG_FEED_RATE", DEFAULT_RATE),
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    response = _text(
        "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요. "
        "달력 앱의 새로 고침 간격은 1시간이면 충분합니다.",
        429,
    )
    if usage["time_left"] > 0:
        response["Retry-After"] = str(usage["time_left"])
    return response


def _feed(
    request: HttpRequest, events: QuerySet[Event], name: str, filename: str, *, shared: bool
) -> HttpResponse:
    """The feed of `events`, answered 304 when the client already holds these bytes.

    The ETag is the hash of the body itself, so that anything that changes the feed — an
    edit, a deletion, an event made internal, a renamed domain — changes it. Last-Modified
    (the latest event revision) is sent for information only: a deletion does not move it,
    so If-Modified-Since alone is never answered 304.
    """
    annotated = list(ical.with_revisions(events))
    body = ical.calendar(annotated, name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename) or "inline"
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    if (revised := ical.latest_revision(annotated)) is not None:
        response["Last-Modified"] = revised.strftime("%a, %d %b %Y %H:%M:%S GMT")
    if shared:
        # No copy outlives 00:00 in Seoul, when the day's public events join the feed.
        patch_cache_control(response, public=True, max_age=min(300, seconds_to_midnight()))
    else:
        # A private feed's address is a secret: no shared cache keeps it.
        patch_cache_control(response, private=True, no_cache=True)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional if conditional is not None else response


@require_safe
def public_feed(request: HttpRequest) -> HttpResponse:
    """`/public/schedule.ics?office=<slug>&domain=<분야>`: an office's public events."""
    if limited := _rate_limited(request):
        return limited
    offices = list(Office.objects.order_by("slug"))
    slugs = ", ".join(office.slug for office in offices)
    slug = request.GET.get("office", "").strip()
    if slug:
        office = next((o for o in offices if o.slug == slug), None)
        if office is None:
            return _text(
                f"기관 '{slug}'{particle(slug, '이', '가')} 없습니다. 기관 코드: {slugs}", 404
            )
    elif len(offices) == 1:
        office = offices[0]
    elif not offices:
        return _text("등록된 기관이 없습니다.", 404)
    else:
        return _text(
            f"기관을 골라 주세요: ?office=기관 코드. 기관 코드: {slugs}",
            400,
        )
    events = public_events(office)
    name = f"{office} 공개 일정"
    if domain_name := request.GET.get("domain", "").strip():
        domains = list(Domain.objects.filter(office=office))
        domain = next((d for d in domains if d.name == domain_name), None)
        if domain is None:
            names = ", ".join(d.name for d in domains)
            return _text(
                f"분야 '{domain_name}'{particle(domain_name, '이', '가')} 없습니다. 분야: {names}",
                404,
            )
        events = events.filter(domain=domain)
        name = f"{name} ({domain.name})"
    return _feed(request, events, name, f"{name}.ics", shared=True)


@require_safe
def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """`/feeds/<token>.ics`: what the token's user may see, internal events included."""
    if limited := _rate_limited(request):
        return limited
    feed_token = FeedToken.objects.find(token)
    if feed_token is None:
        # One answer for unknown, revoked and inactive alike.
        return _text("구독 주소를 찾을 수 없습니다. 폐기되었거나 잘못된 주소입니다.", 404)
    feed_token.mark_used()
    user = feed_token.user
    office = office_for(user)
    name = f"{office} 일정" if office else "시정 일정"
    events = visible(user, Event.objects.all())
    return _feed(request, events, f"{name} (비공개 포함)", f"{name}.ics", shared=False)


class TokenForm(forms.Form):
    label = forms.CharField(
        label="이름",
        max_length=100,
        help_text="어디에 등록하는지 알아볼 이름. 예: 내 아이폰, 구글 캘린더",
    )


def _public_feed_url(request: HttpRequest) -> str:
    url = request.build_absolute_uri(reverse("feeds:public"))
    office = office_for(request.user)
    if office is not None and Office.objects.count() > 1:
        url += f"?office={office.slug}"
    return url


def _user(request: HttpRequest) -> User:
    """The signed-in user of a `login_required` view."""
    assert isinstance(request.user, User)
    return request.user


def _page(request: HttpRequest, form: TokenForm, **extra: Any) -> HttpResponse:
    context = {
        "tokens": FeedToken.objects.filter(user=_user(request)),
        "form": form,
        "public_url": _public_feed_url(request),
        **extra,
    }
    return render(request, "feeds/manage.html", context)


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """`/feeds/`: one's subscription addresses."""
    return _page(request, TokenForm())


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Make an address and show it, this once: only its hash is kept."""
    form = TokenForm(request.POST)
    if form.is_valid():
        active = FeedToken.objects.filter(user=_user(request)).active().count()
        if active >= MAX_ACTIVE_TOKENS:
            form.add_error(
                None,
                f"구독 주소는 {MAX_ACTIVE_TOKENS}개까지 만들 수 있습니다. "
                "쓰지 않는 주소를 폐기한 뒤 다시 만들어 주세요.",
            )
    if not form.is_valid():
        return _page(request, form)
    feed_token, secret = FeedToken.issue(_user(request), form.cleaned_data["label"])
    url = request.build_absolute_uri(reverse("feeds:private", args=[secret]))
    messages.success(
        request, f"구독 주소 '{feed_token.label}'{_object(feed_token.label)} 만들었습니다."
    )
    response = _page(
        request,
        TokenForm(),
        new_token=feed_token,
        new_url=url,
        new_webcal=url.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
    )
    # The secret is in this page and nowhere else: no cache, no back-button copy.
    patch_cache_control(response, no_store=True)
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed_token = get_object_or_404(FeedToken, pk=pk, user=_user(request))
    if feed_token.is_active:
        feed_token.revoke()
        messages.success(
            request,
            f"구독 주소 '{feed_token.label}'{_object(feed_token.label)} 폐기했습니다. "
            "이 주소로는 더 이상 일정을 받을 수 없습니다.",
        )
    else:
        messages.info(
            request,
            f"구독 주소 '{feed_token.label}'{particle(feed_token.label, '은', '는')} "
            "이미 폐기되었습니다.",
        )
    return redirect("feeds:manage")
