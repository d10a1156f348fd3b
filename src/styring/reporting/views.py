"""The trust's reports: the list, the report page with its entries (autosaved drafts), the workflow
steps, the history, the periods (owner staff) and the risk page. Thin: the rules live in
``workflow``, ``entries``, ``scope``, ``periods`` and ``risk``."""
from __future__ import annotations

import mimetypes
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from styring.accounts.access import Action, can, membership, organisation_or_404
from styring.lib.history import authored
from styring.reporting import completeness, history, workflow
from styring.reporting import periods as periods_mod
from styring.reporting import risk as risk_mod
from styring.reporting.entries import (
    ATTACHMENT_EXTENSIONS,
    add_measure,
    close_measure,
    indicator_colours,
    max_attachment_bytes,
    measures_by_entry,
    save_entry,
)
from styring.reporting.errors import AssessmentConflict, ConflictError, NothingToReport, WorkflowError
from styring.reporting.forms import (
    AssessmentForm,
    EntryForm,
    MeasureForm,
    PeriodDeadlinesForm,
    PeriodYearForm,
    RiskForm,
    form_errors,
)
from styring.reporting.models import (
    EntryStatus,
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
    Risk,
    needs_deviation,
)
from styring.reporting.render import PageState, compact_entry, fragment_key, indicator_lines
from styring.reporting.render import digest as render_digest
from styring.reporting.scope import (
    candidate_items,
    has_something_to_report,
    start_report,
    starting_organisation,
)
from styring.reporting.transitions import TRANSITIONS, by_slug
from styring.requirements.models import MAIN_GOALS, Item

ATTACHMENT_ACCEPT = ",".join(ATTACHMENT_EXTENSIONS)
def _editor_context() -> dict:
    """What an entry's editor needs besides the entry."""
    megabytes = f"{max_attachment_bytes() / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
    return {"max_upload_mb": megabytes, "attachment_accept": ATTACHMENT_ACCEPT, "autofocus": True}


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    m = membership(request.user)
    own = m.organisation if m else None
    reports = Report.objects.visible_to(request.user).select_related("organisation", "period__issuer")
    by_period: dict[int, list[Report]] = {}
    for r in reports:
        by_period.setdefault(r.period_id, []).append(r)
    rows = []
    for period in ReportingPeriod.objects.visible_to(request.user).order_by("-year", "admin_deadline"):
        period_reports = by_period.get(period.pk, [])
        own_report = next((r for r in period_reports if own and r.organisation_id == own.pk), None)
        starter = starting_organisation(request.user, period) if own_report is None else None
        may_start = starter is not None
        nothing_to_report = starter is not None and not has_something_to_report(starter, period)
        rows.append({"period": period, "reports": period_reports, "may_start": may_start and not nothing_to_report,
                     "nothing_to_report": nothing_to_report})
    return render(request, "reporting/list.html", {
        "rows": rows, "own": own,
        "may_manage_periods": any(can(request.user, Action.MANAGE, o) for o in ([own] if own else [])),
    })


@login_required
@require_POST
def start(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = ReportingPeriod.objects.visible_or_404(request.user, period_pk)
    try:
        report = start_report(request.user, period)
    except NothingToReport as e:
        messages.error(request, e.message)
        return redirect("reporting:list")
    return redirect("reporting:detail", pk=report.pk)


def _decorate(entries: list[ReportEntry], report: Report) -> list[ReportEntry]:
    """Give entries what their view shows (each indicator's latest result per series, with its
    colour, and their measures), fetched in bulk: a fixed number of queries however many."""
    indicator_ids = [e.item_id for e in entries if e.item.kind == Item.Kind.INDICATOR]
    values = indicator_lines(indicator_ids, report) if indicator_ids else {}
    measures = measures_by_entry(entries, report.organisation_id)
    for e in entries:
        e.report = report  # every entry is of this report; saves a query wherever it is used
        e.latest_value = values.get(e.item_id)
        e.indicator_colour = e.latest_value[2] if e.latest_value else ""
        e.measure_list = measures.get(e.pk, [])
    return entries


def _mark(entry: ReportEntry, problems: list[str]) -> ReportEntry:
    """Show ``problems`` on the entry (its compact view and its editor's fields)."""
    entry.problems = problems
    entry.invalid_status = completeness.MISSING_STATUS in problems
    entry.invalid_deviation = completeness.MISSING_DEVIATION in problems
    entry.invalid_measure = completeness.MISSING_MEASURE in problems
    entry.invalid_reason = completeness.MISSING_REASON in problems
    return entry


def _goal_order(entry: ReportEntry) -> tuple:
    return (entry.item.main_goal is None, entry.item.main_goal or 0)


def _grouped(state: PageState, editable: bool, open_editor: int | None, guide: dict,
             return_form: str = "") -> list[dict]:
    """The entries by hovedmål (those the chosen filter shows), each with what it lacks when that
    is shown and the key of its cached fragment (see ``render``); called by the template only
    when the page's list is not in the fragment cache."""
    entries = [e for e in state.entries() if e.pk in guide["shown"]]
    if open_editor is not None:  # that one fully loaded, for its form
        entries = [_decorate([state.report.entries.select_related("item", "risk").get(pk=e.pk)], state.report)[0]
                   if e.pk == open_editor else e for e in entries]
    for e in entries:
        _mark(e, guide["problems"].get(e.pk, []) if guide["show_problems"] else [])
        e.unfinished = bool(guide["problems"].get(e.pk))
        e.next_unfinished = guide["next_unfinished"].get(e.pk) if e.problems else None
        e.fragment_key = fragment_key(e, state.report.pk, editable, return_form)
    groups: dict = {}
    for e in sorted(entries, key=_goal_order):
        title = f"Hovedmål {e.item.main_goal}: {MAIN_GOALS[e.item.main_goal]}" if e.item.main_goal else "Øvrige krav"
        groups.setdefault(title, []).append(e)
    return [{"title": t, "entries": es, "n": i} for i, (t, es) in enumerate(groups.items(), 1)]


def _open_editor(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("rediger", ""))
    except ValueError:
        return None


def _progress(state: PageState) -> completeness.Progress:
    """How far the report has come (the page's top and its action bar; again after each autosave)."""
    problems = state.problems()
    statuses = [row[2] for row in state.rows]
    return completeness.Progress(
        total=len(statuses), complete=sum(1 for ps in problems.values() if not ps),
        unanswered=sum(1 for s in statuses if not s), not_green=sum(1 for s in statuses if needs_deviation(s)),
        changed=None)


def _page_order(state: PageState) -> list[tuple]:
    """The entries in the page's order as (pk, ref, text, main goal), from the rows (no query)."""
    return sorted(((r[0], r[10], r[11], r[12]) for r in state.rows), key=lambda r: (r[3] is None, r[3] or 0))


def _guide(request: HttpRequest, state: PageState, editable: bool) -> dict:
    """What guides the reporter through the page: progress, the chosen filter, what each entry
    lacks (shown on the entry after a failed send, ``?mangler=1``, or under the filter of the
    unfinished), and the unfinished entries in the page's order, for the summary and the jumps."""
    report = state.report
    problems = state.problems()
    previous = completeness.previous_answers(report)
    changed = state.changed(previous[1] if previous else None)
    chosen = request.GET.get("vis", "")
    if chosen not in completeness.FILTERS or (chosen == "endret" and previous is None):
        chosen = ""
    statuses = {row[0]: row[2] for row in state.rows}
    shown = {pk for pk, status in statuses.items()
             if completeness.matches(chosen, status=status, problems=problems[pk], changed=pk in changed)}
    unfinished = [r for r in _page_order(state) if problems[r[0]]]
    following = [r[0] for r in unfinished]
    next_unfinished = {pk: following[(i + 1) % len(following)] for i, pk in enumerate(following)} if len(following) > 1 else {}
    show_problems = editable and (request.GET.get("mangler") == "1" or chosen == "ufullstendige")
    filters = []
    counts = {"ufullstendige": len(unfinished), "ubesvart": sum(1 for s in statuses.values() if not s),
              "gul-rod": sum(1 for s in statuses.values() if needs_deviation(s)), "endret": len(changed)}
    for name, label in completeness.FILTERS.items():
        if name == "endret" and previous is None:
            continue
        if name == "endret":
            label = f"{label} ({previous[0]})" if previous else label
        filters.append({"name": name, "label": label, "count": counts[name], "current": name == chosen})
    progress = completeness.Progress(
        total=len(statuses), complete=len(statuses) - len(unfinished), unanswered=counts["ubesvart"],
        not_green=counts["gul-rod"], changed=len(changed) if previous else None)
    return {
        "progress": progress, "filters": filters, "filter": chosen,
        "filter_label": completeness.FILTERS.get(chosen, ""), "shown": shown, "problems": problems,
        "show_problems": show_problems, "next_unfinished": next_unfinished,
        "first_unfinished": following[0] if following else None,
        "summary": [{"pk": pk, "label": workflow.entry_label(Item(ref=ref, text=text)), "problems": problems[pk]}
                    for pk, ref, text, _goal in unfinished] if show_problems else [],
    }


def _step_bar(steps: dict) -> list[dict]:
    """The workflow's buttons for the sticky action bar, read from ``TRANSITIONS``: a step that
    needs input (a comment, the board decision) links to its form; the others are a button."""
    return [{"transition": t, "needs_input": t.needs_input} for t in steps.values()]


def _step_forms(steps: dict) -> list[dict]:
    """The forms of the steps that take input, each in its row's template (``Saksgang``)."""
    forms = []
    for t in steps.values():
        form_class = t.form_class()
        if form_class is not None:
            form = form_class(auto_id=f"steg-{t.slug}-%s")
            for field in form.fields.values():
                field.widget.attrs.setdefault("class", "ds-input")
            forms.append({"transition": t, "form": form, "template": t.template})
    return forms


def _context(request: HttpRequest, report: Report) -> dict:
    steps = workflow.allowed_steps(report, request.user)
    editable = "edit" in steps
    open_editor = _open_editor(request) if editable else None
    state = PageState.load(report)
    guide = _guide(request, state, editable)
    shown_steps = {name: TRANSITIONS[name] for name in TRANSITIONS if name in steps}
    return_form = f"steg-{shown_steps['return'].slug}" if "return" in shown_steps else ""
    entries_key = "|".join([state.key(editable), return_form, guide["filter"], str(guide["show_problems"]),
                            ",".join(map(str, sorted(guide["shown"])))])
    return {
        "report": report, "entries_key": render_digest(entries_key),
        "groups": lambda: _grouped(state, editable, open_editor, guide, return_form),  # the template calls it on a cache miss
        "steps": shown_steps, "step_bar": _step_bar(shown_steps), "step_forms": _step_forms(shown_steps), "editable": editable,
        "status_choices": EntryStatus.choices,
        # the risks are only needed by an open editor (the others are loaded on demand)
        "risks": Risk.objects.visible_to(request.user).filter(organisation=report.organisation) if open_editor else [],
        "open_editor": open_editor,
        **(_editor_context() if open_editor else {}),
        "rounds": report.rounds(),
        "today": timezone.localdate().isoformat(),
        # the owner's return form: its comment field per entry stands on the entry (``form=`` this id)
        "return_form": return_form,
        "returned_entries": report.entries.exclude(return_comment="").count() if report.is_returned else 0,
        **guide,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = Report.objects.visible_or_404(request.user, pk)
    return render(request, "reporting/detail.html", _context(request, report))


def _entry_or_404(request: HttpRequest, pk: int, entry_pk: int) -> tuple[Report, ReportEntry]:
    report = Report.objects.visible_or_404(request.user, pk)
    entry = ReportEntry.objects.visible_or_404(request.user, entry_pk, report=report)
    entry.report = report
    return report, entry


def _entry_url(report: Report, entry: ReportEntry, *, editor: bool = False) -> str:
    query = f"?rediger={entry.pk}" if editor else ""
    return reverse("reporting:detail", args=[report.pk]) + f"{query}#punkt-{entry.pk}"


@login_required
def entry_editor(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """One entry's form, loaded on demand: htmx swaps it in place of the entry's compact view;
    without JavaScript it is a page of its own. A report that cannot be edited gets the compact view."""
    report, entry = _entry_or_404(request, pk, entry_pk)
    htmx = request.headers.get("HX-Request") == "true"
    if not workflow.may_edit(request.user, report):
        if htmx:
            return HttpResponse(compact_entry(_decorate([entry], report)[0], report, False))
        return redirect(_entry_url(report, entry))
    return _editor_page(request, report, entry)


def _editor_page(request: HttpRequest, report: Report, entry: ReportEntry, *, status: int = 200, note: str = "",
                 measure: QueryDict | None = None) -> HttpResponse:
    """The entry's form: a fragment for htmx, a page of its own without JavaScript; with
    ``?mangler=1`` (from a failed send) it shows what the entry lacks on its fields."""
    htmx = request.headers.get("HX-Request") == "true"
    shown = _decorate([entry], report)[0]
    if request.GET.get("mangler") == "1":
        _mark(shown, completeness.entry_problems(shown.status, shown.deviation, shown.measure_list,
                                                 indicator_colour=shown.indicator_colour,
                                                 reason=shown.contradiction_reason))
    context = {"report": report, "entry": shown, "hl": 3 if htmx else 2, "editable": True, "status_choices": EntryStatus.choices,
               "risks": Risk.objects.visible_to(request.user).filter(organisation=report.organisation), "note": note, "measure": measure,
               **_editor_context()}
    template = "reporting/_entry_editor.html" if htmx else "reporting/entry_edit.html"
    return render(request, template, context, status=status)


@login_required
def entry_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """One entry's compact (read-only) view: closes its editor."""
    report, entry = _entry_or_404(request, pk, entry_pk)
    if request.headers.get("HX-Request") != "true":
        return redirect(_entry_url(report, entry))
    editable = "edit" in workflow.allowed_steps(report, request.user)
    return HttpResponse(compact_entry(_decorate([entry], report)[0], report, editable))


def _safe_filename(name: str) -> str:
    """A download name that cannot break out of the Content-Disposition header: letters (also
    æøå), digits, space, dot, hyphen, underscore and parentheses; anything else becomes ``_``."""
    cleaned = re.sub(r"[^\w .()-]", "_", name).strip(" .") or "vedlegg"
    return cleaned[:150]


@login_required
def attachment(request: HttpRequest, entry_pk: int) -> HttpResponseBase:
    """An entry's attachment, for those who may see the report (never a public /media/ address)."""
    entry = ReportEntry.objects.visible_or_404(request.user, entry_pk)
    if not entry.attachment:
        raise Http404("Rapportpunktet har ikke noe vedlegg.")
    try:
        handle = entry.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("Vedlegget finnes ikke lenger.") from None
    name = _safe_filename(entry.attachment_filename)
    content_type = mimetypes.guess_type(name)[0] if name.lower().endswith(ATTACHMENT_EXTENSIONS) else None
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def save(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Save an entry: htmx autosave answers with a small status (and the new version, out of band);
    a plain form post redirects back. A stale save shows both versions."""
    report, entry = _entry_or_404(request, pk, entry_pk)
    htmx = request.headers.get("HX-Request") == "true"
    form = EntryForm(request.POST, request.FILES, report=report)
    try:
        if not form.is_valid():
            raise WorkflowError(" ".join(form_errors(form)))
        data = form.changes()
        saved = save_entry(entry, request.user, data, form.cleaned_data["expected_version"])
    except ConflictError as conflict:
        # nothing is written: both versions are shown, with what changed and the three ways out
        context = {"entry": entry, "conflict": conflict, "report": report, "htmx": htmx}
        if htmx:  # under the editor, which keeps what was typed (report.js lets htmx swap a 409)
            response = render(request, "reporting/_saved.html", context, status=409)
            response["HX-Retarget"], response["HX-Reswap"] = f"#lagret-{entry.pk}", "innerHTML"
            return response
        return render(request, "reporting/conflict.html", context, status=409)
    except WorkflowError as error:
        if htmx:
            response = render(request, "reporting/_saved.html", {"entry": entry, "error": error.message}, status=400)
            response["HX-Retarget"], response["HX-Reswap"] = f"#lagret-{entry.pk}", "innerHTML"
            return response
        messages.error(request, error.message)
        return _editor_page(request, report, entry, status=400)
    if htmx and request.POST.get("flett"):  # a merge by hand is saved: the editor again, with the merged text
        response = _editor_page(request, report, saved, note=f"Den flettede versjonen er lagret (versjon {saved.version}).")
        response["HX-Retarget"], response["HX-Reswap"] = f"#punkt-{entry.pk}", "outerHTML"
        return response
    if htmx:
        saved.indicator_colour = indicator_colours([saved], report.organisation_id).get(saved.item_id, "")
        return render(request, "reporting/_saved.html", {"entry": saved, "attachment_saved": "attachment" in data,
                                                            "attachment_accept": ATTACHMENT_ACCEPT,
                                                            "progress": _progress(PageState.load(report))})
    messages.success(request, "Punktet er lagret.")
    return redirect(reverse("reporting:detail", args=[report.pk]) + f"#punkt-{entry.pk}")


@login_required
@require_POST
def measure_add(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    report, entry = _entry_or_404(request, pk, entry_pk)
    form = MeasureForm(request.POST, organisation_id=report.organisation_id)
    if not form.is_valid():  # the editor again, the measure's form holding what was typed
        messages.error(request, " ".join(["Tiltaket ble ikke lagret.", *form_errors(form)]))
        return _editor_page(request, report, entry, status=400, measure=request.POST)
    try:
        add_measure(entry, request.user, **form.cleaned_data)
    except WorkflowError as error:
        messages.error(request, " ".join([error.message, *error.errors]))
        return _editor_page(request, report, entry, status=400, measure=request.POST)
    messages.success(request, "Tiltaket er lagt til.")
    return redirect(_entry_url(report, entry, editor=True))


@login_required
def measure_close(request: HttpRequest, pk: int, entry_pk: int, measure_pk: int) -> HttpResponse:
    """Close (end) a measure, after a confirmation: GET asks, a POST without ``bekreft`` asks
    again, a POST with it closes. The confirmation is a page of its own, so it holds without
    JavaScript."""
    report, entry = _entry_or_404(request, pk, entry_pk)
    measure = get_object_or_404(Measure, pk=measure_pk, organisation=report.organisation)
    if request.method == "POST" and request.POST.get("bekreft") == "ja":
        try:
            close_measure(measure, entry, request.user)
            messages.success(request, f"Tiltaket «{measure}» er avsluttet og følger ikke med i senere rapporter.")
        except WorkflowError as error:
            messages.error(request, error.message)
        return redirect(_entry_url(report, entry, editor=True))
    if measure.closed_at is not None or not workflow.may_edit(request.user, report):
        return redirect(_entry_url(report, entry, editor=True))
    return render(request, "reporting/measure_close.html", {
        "report": report, "entry": entry, "measure": measure, "back": _entry_url(report, entry, editor=True)})


@login_required
@require_POST
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A workflow step from the report page: ``step`` is its slug in ``transitions.TRANSITIONS``."""
    transition = by_slug(step)
    if transition is None:
        raise Http404("Ukjent steg.")
    report = Report.objects.visible_or_404(request.user, pk)
    data = {}
    form_class = transition.form_class()
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for message in form_errors(form):
                messages.error(request, message)
            return render(request, "reporting/detail.html", _context(request, report), status=400)
        data = form.cleaned_data
    try:
        taken = workflow.take(transition.name, report, request.user, **data)
    except WorkflowError as error:
        if transition.name == "submit" and error.errors:
            # each entry's problem is shown on the entry: land on the first one to fix
            state = PageState.load(report)
            problems = state.problems()
            first = next((r[0] for r in _page_order(state) if problems[r[0]]), None)
            if first is not None:
                messages.error(request, f"{error.message} Se hva som mangler under hvert punkt.")
                return redirect(reverse("reporting:detail", args=[report.pk]) + f"?mangler=1#punkt-{first}")
        messages.error(request, " ".join([error.message, *error.errors]))
        return redirect("reporting:detail", pk=report.pk)
    messages.success(request, taken.done)
    if not Report.objects.visible_to(request.user).filter(pk=report.pk).exists():  # e.g. the board asked for changes: a draft
        return redirect("reporting:list")
    return redirect("reporting:detail", pk=report.pk)


@login_required
def report_history(request: HttpRequest, pk: int) -> HttpResponse:
    report = Report.objects.visible_or_404(request.user, pk)
    events = history.report_history(report)
    if request.GET.get("format") == "csv":
        response = HttpResponse(history.to_csv(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="historikk-{report.organisation.code}-{report.pk}.csv"'
        return response
    return render(request, "reporting/history.html", {"report": report, "events": events})


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    """Owner staff: the periods their organisation issues, created from the calendar and editable."""
    m = membership(request.user)
    if not m or not can(request.user, Action.MANAGE, m.organisation):
        raise PermissionDenied("Bare eierstab kan endre rapporteringsperioder.")
    issuer = m.organisation
    status = 200
    if request.method == "POST":
        form = PeriodYearForm(request.POST)
        if form.is_valid():
            year = form.cleaned_data["year"]
            made = periods_mod.create_periods(issuer, year, monthly=form.cleaned_data["monthly"])
            messages.success(request, f"{len(made)} perioder for {year} er klare.")
            return redirect("reporting:periods")
        for message in form_errors(form):
            messages.error(request, message)
        status = 400
    periods = ReportingPeriod.objects.filter(issuer=issuer).select_related("document").order_by("-year", "admin_deadline")
    return render(request, "reporting/periods.html", {"issuer": issuer, "periods": periods,
                                                       "next_year": timezone.localdate().year}, status=status)


@login_required
@require_POST
def period_edit(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = ReportingPeriod.objects.visible_or_404(request.user, period_pk, manage=True)
    form = PeriodDeadlinesForm(request.POST, instance=period)
    if not form.is_valid():
        for message in form_errors(form):
            messages.error(request, message)
        return redirect("reporting:periods")
    period = form.save(commit=False)
    authored(period, request.user)
    period.save()
    messages.success(request, f"Fristene for {period} er lagret.")
    return redirect("reporting:periods")


@login_required
def risks(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_or_404(request.user, code)
    periods = list(periods_mod.periods_for(org))
    if not periods:
        raise Http404("Ingen rapporteringsperioder.")
    chosen = next((p for p in periods if str(p.pk) == request.GET.get("periode")), None) or next(
        (p for p in periods if p.admin_deadline and p.admin_deadline >= timezone.localdate()), periods[-1])
    may_edit = can(request.user, Action.REPORT, org)
    conflict_context: dict = {}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Bare rapportøren i helseforetaket kan endre risikoer.")
        new = request.POST.get("action") == "ny"
        form = (RiskForm(request.POST, items=candidate_items(org, chosen)) if new
                else AssessmentForm(request.POST, organisation_id=org.pk))
        try:
            if not form.is_valid():
                what = "Risikoen" if new else "Risikovurderingen"
                raise WorkflowError(f"{what} ble ikke lagret.", form_errors(form))
            if new:
                risk_mod.create_risk(org, request.user, **form.cleaned_data)
                messages.success(request, "Risikoen er registrert.")
            else:
                risk = form.cleaned_data.pop("risk")
                risk_mod.assess(risk, chosen, request.user, **form.cleaned_data)
                messages.success(request, f"Vurderingen av «{risk.title}» er lagret.")
        except AssessmentConflict as conflict:  # both assessments shown; nothing is overwritten
            conflict_context = {"risk_conflict": conflict}
        except WorkflowError as error:
            messages.error(request, " ".join([error.message, *error.errors]))
        if not conflict_context:
            return redirect(reverse("reporting:risks", args=[org.code]) + f"?periode={chosen.pk}")
    rows = risk_mod.risk_rows(org, chosen, Risk.objects.visible_to(request.user))  # a draft's risks: the trust's own

    return render(request, "reporting/risks.html", {
        "org": org, "periods": periods, "chosen": chosen, "rows": rows, "top5": risk_mod.top5(rows),
        "matrix": risk_mod.matrix(rows), "may_edit": may_edit, "scale": range(1, 6),
        "items": candidate_items(org, chosen) if may_edit else [], **conflict_context,
    }, status=409 if conflict_context else 200)
