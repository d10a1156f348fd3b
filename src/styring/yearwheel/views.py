"""The årshjul (a wheel and a list of the year's dates), its calendar feeds and their addresses."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from styring.accounts.access import access_of, organisation_or_404
from styring.accounts.types import AnyUser
from styring.documents.models import SteeringDocument
from styring.reporting.models import ReportingPeriod
from styring.yearwheel import wheel
from styring.yearwheel.deadlines import deadlines
from styring.yearwheel.feed import ical
from styring.yearwheel.forms import RenewForm, WheelForm
from styring.yearwheel.models import CalendarFeed


def feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("yearwheel:feed", args=[feed.token]))


def _year_with_content(user: AnyUser, year: int) -> int | None:
    """The visible periods' and documents' year nearest to ``year`` (the later one on a tie)."""
    years = set(ReportingPeriod.objects.visible_to(user).values_list("year", flat=True)) | set(
        SteeringDocument.objects.visible_to(user).values_list("year", flat=True))
    years.discard(year)
    return min(years, key=lambda y: (abs(y - year), -y)) if years else None


@login_required
def year_wheel(request: HttpRequest) -> HttpResponse:
    form = WheelForm(request.GET)
    if not form.is_valid():
        return render(request, "yearwheel/wheel.html", {"form": form, "year": timezone.localdate().year, "deadlines": []},
                      status=400)
    year = form.cleaned_data["ar"] or timezone.localdate().year
    organisation = organisation_or_404(request.user, form.cleaned_data["org"].upper()) if form.cleaned_data["org"] else None
    mine = form.cleaned_data["mine"] and organisation is None
    found = deadlines(request.user, year, organisation=organisation, mine=mine)
    if not found and not form.cleaned_data["ar"]:  # no year asked for: open on the nearest year with content
        other = _year_with_content(request.user, year)
        if other is not None:
            year, found = other, deadlines(request.user, other, organisation=organisation, mine=mine)
    user_feed = CalendarFeed.current(request.user)
    org_feed = CalendarFeed.objects.active().filter(user=request.user, organisation=organisation).first() if organisation else None
    return render(request, "yearwheel/wheel.html", {
        "form": form, "year": year, "deadlines": found, "organisation": organisation, "mine": mine,
        "sectors": wheel.sectors(year), "dots": wheel.dots(found), "hand": wheel.today_hand(year),
        "size": wheel.SIZE, "centre": wheel.CENTRE, "inner": wheel.INNER,
        "organisations": access_of(request.user).organisations().order_by("name"),
        "feed_url": feed_url(request, user_feed), "org_feed_url": feed_url(request, org_feed) if org_feed else "",
        "overdue": sum(1 for d in found if d.overdue),
    })


@login_required
@require_POST
def renew(request: HttpRequest) -> HttpResponse:
    """A new secret address (the old one stops working); for an organisation when ``org`` is given."""
    form = RenewForm(request.POST)
    code = form.cleaned_data["org"].upper() if form.is_valid() else ""
    organisation = organisation_or_404(request.user, code) if code else None
    CalendarFeed.renew(request.user, organisation)
    messages.success(request, "Ny kalenderadresse er laget. Den gamle virker ikke lenger.")
    return redirect(f"{reverse('yearwheel:wheel')}{'?org=' + organisation.code if organisation else ''}#abonnement")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed (no sign-in: the secret address is the key; a revoked one is a 404)."""
    subscription = CalendarFeed.objects.active().select_related("user", "organisation").filter(token=token).first()
    if subscription is None or not subscription.user.is_active:
        raise Http404("Ukjent eller tilbakekalt kalenderadresse.")
    today = timezone.localdate()
    # the years the user's documents are for (a document's deadlines run into the next year), at most five back
    years = set(SteeringDocument.objects.visible_to(subscription.user).filter(year__gte=today.year - 5).values_list("year", flat=True))
    years = {y for year in years for y in (year, year + 1)} | {today.year}
    found = []
    for year in sorted(years):
        found += deadlines(subscription.user, year, organisation=subscription.organisation,
                           mine=subscription.organisation is None)
    name = f"Styring – {subscription.organisation.name if subscription.organisation else 'mine frister'}"
    response = HttpResponse(ical(found, name=name, base_url=request.build_absolute_uri("/")),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="styring.ics"'
    return response
