"""Markdown minutes of a session: a document an absent member can read without help.

Headings and labels come from the string tables in the session's language; every piece
of user text goes through :mod:`tui.core.markdown_text` so it can never become markup nor
reorder the text around it: ``inline`` where it may span lines, ``line``/``cell`` where it
must stay on one (headings, names, table cells).
"""

from __future__ import annotations

import datetime as dt

from tui.core.dates import written_date
from tui.core.i18n import label, t
from tui.core.markdown_text import blank, cell, inline, line
from tui.core.model import GoesWellNote, Participant, Session
from tui.core.room_session import Distribution, score_distribution, scored_statements, worth_distribution


def format_date(value: dt.date | None, lang: str) -> str:
    """A date written out for people: "1 december 2026" / "1 December 2026"."""
    if value is None:
        return "—"
    return written_date(value, lang)


class _Writer:
    """Collects the lines of the minutes for one session."""

    def __init__(self, session: Session):
        self.session = session
        self.lang = session.language
        self.lines: list[str] = []
        self.anonymised = False

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def heading(self, key: str) -> None:
        if self.lines and self.lines[-1] != "":  # one blank line before a heading, never two
            self.lines.append("")
        self.lines += [f"## {self.t(key)}", ""]

    def none(self) -> None:
        self.lines.append(f"_{self.t('minutes.none')}_")

    def person(self, participant_id: str | None) -> str:
        person = self.session.participant(participant_id)
        return person.name if person else (participant_id or "")

    def describe(self, person: Participant) -> str:
        text = line(person.name)
        if not self.anonymised:  # when anonymised, the name already is the role and organisation
            text += f" — {line(label('role', person.role, self.lang))}"
            if not blank(person.organisation):
                text += f", {line(person.organisation)}"
            if not blank(person.relation):  # an informal carer's relation to the client
                text += f", {self.t('minutes.relation', relation=line(person.relation))}"
        if person.perspective:
            text += f" ({line(label('perspective', person.perspective, self.lang))})"
        return text

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.lines.append("| " + " | ".join(value or "—" for value in row) + " |")


def _header(w: _Writer) -> None:
    s = w.session
    title = w.t("minutes.default_title", team=line(s.team)) if blank(s.title) else line(s.title)
    w.lines.append(f"# {title}")
    w.lines.append("")
    facts = [
        f"**{w.t('minutes.team')}:** {line(s.team)}",
        f"**{w.t('minutes.date')}:** {format_date(s.date, w.lang)}",
    ]
    if not blank(s.facilitator):
        facts.append(f"**{w.t('minutes.facilitator')}:** {line(s.facilitator)}")
    facts.append(f"**{w.t('minutes.status')}:** {label('status', s.status, w.lang)}")
    w.lines.append("  \n".join(facts))
    if w.anonymised:
        w.lines += ["", f"_{w.t('minutes.anonymised')}_"]


def _attendance(w: _Writer) -> None:
    w.heading("minutes.present")
    present = [p for p in w.session.participants if p.present]
    absent = [p for p in w.session.participants if not p.present]
    if not present:
        w.none()
    for person in present:
        w.lines.append(f"- {w.describe(person)}")
    if absent:
        w.lines += ["", f"{w.t('minutes.absent')}:", ""]
        w.lines += [f"- {w.describe(person)}" for person in absent]


def _ambition(w: _Writer) -> None:
    w.heading("minutes.ambition")
    if not blank(w.session.ambition):
        w.lines.append(inline(w.session.ambition))
    else:
        w.none()


def _checkin(w: _Writer) -> None:
    w.heading("minutes.reviews")
    reviews = w.session.reviews
    if reviews:
        rows = [
            [
                cell(r.what),
                ", ".join(cell(owner) for owner in r.owners),
                format_date(r.due, w.lang) if r.due else "",
                label("outcome", r.outcome, w.lang) if r.outcome else w.t("minutes.not_reviewed"),
                " ".join(part for part in ("" if blank(r.note) else cell(r.note),
                                           f"({w.t('minutes.carried_forward')})" if r.carried_forward else "")
                         if part),
            ]
            for r in reviews
        ]
        w.table(
            [w.t(k) for k in ("minutes.col.action", "minutes.col.who", "minutes.col.due",
                              "minutes.col.outcome", "minutes.col.note")],
            rows,
        )
    else:
        w.none()
    w.heading("minutes.changes")
    for change in w.session.changes:
        w.lines.append(f"- {inline(change.text)}")
    if not w.session.changes:
        w.none()


def _decision_text(w: _Writer, decision: str | None) -> str:
    return label("decision", decision, w.lang) if decision else w.t("minutes.no_decision")


def _item(parts: list[str]) -> str:
    """One list item whose parts sit on separate lines (hard breaks)."""
    return "- " + "  \n  ".join(parts)


def _by(w: _Writer, note: GoesWellNote, parts: list[str]) -> None:
    """Who wrote a note: its author at the table, or the name a member signed it with from a phone."""
    if note.author:
        parts.append(f"{w.t('minutes.by')}: {line(w.person(note.author))}")
    elif (signed := w.session.signed_name(note.id)) is not None:
        parts.append(f"{w.t('minutes.by')}: {line(signed)}")


def _goes_well(w: _Writer) -> None:
    w.heading("minutes.goes_well")
    for note in w.session.goes_well:
        parts = [f"**{inline(note.text)}**"]
        if not blank(note.why):
            parts.append(f"{w.t('minutes.why')}: {inline(note.why)}")
        _by(w, note, parts)
        w.lines.append(_item(parts))
    if not w.session.goes_well:
        w.none()


def _frictions(w: _Writer) -> None:
    w.heading("minutes.frictions")
    ranked = sorted(w.session.frictions, key=lambda n: -n.votes)
    for note in ranked:
        details = [w.t("minutes.votes", count=note.votes)]
        if note.category and not blank(note.category):
            details.append(f"{w.t('minutes.category')}: {line(note.category)}")
        if note.influence:
            details.append(label("influence", note.influence, w.lang))
        parts = [f"**{inline(note.text)}** ({'; '.join(details)})"]
        if note.influence == "outside" and not blank(note.who_can_help):
            parts.append(f"{w.t('minutes.who_can_help')}: {inline(note.who_can_help)}")
        if (signed := w.session.signed_name(note.id)) is not None:
            parts.append(f"{w.t('minutes.by')}: {line(signed)}")
        w.lines.append(_item(parts))
    if not ranked:
        w.none()


def _influence(w: _Writer) -> None:
    w.heading("minutes.influence")
    within = [n for n in w.session.frictions if n.influence == "within"]
    outside = [n for n in w.session.frictions if n.influence == "outside"]
    w.lines.append(f"**{label('influence', 'within', w.lang)}**")
    w.lines.append("")
    for note in within:
        w.lines.append(f"- {inline(note.text)}")
    if not within:
        w.none()
    w.lines += ["", f"**{label('influence', 'outside', w.lang)}**", ""]
    for note in outside:
        helper = "" if blank(note.who_can_help) else f" — {w.t('minutes.who_can_help')}: {inline(note.who_can_help)}"
        w.lines.append(f"- {inline(note.text)}{helper}")
    if not outside:
        w.none()
    unsorted = [n for n in w.session.frictions if not n.influence]
    if unsorted:
        w.lines += ["", f"**{w.t('influence.unsorted')}**", ""]
        w.lines += [f"- {inline(note.text)}" for note in unsorted]


def _decisions(w: _Writer) -> None:
    w.heading("minutes.decisions")
    notes = [*w.session.goes_well, *w.session.frictions]
    listed = False
    for decision in ("keep", "adjust", "stop", None):  # a note nobody decided on is shown as open
        chosen = [n for n in notes if n.decision == decision]
        if not chosen:
            continue
        listed = True
        heading = label("decision", decision, w.lang) if decision else w.t("minutes.decision_open")
        w.lines += [f"**{heading}**", ""]
        w.lines += [f"- {inline(n.text)}" for n in chosen]
        w.lines.append("")
    if not listed:
        w.none()


def _actions(w: _Writer) -> None:
    w.heading("minutes.actions")
    if not w.session.actions:
        w.none()
        return
    rows = []
    for action in w.session.actions:
        source = w.session.note(action.source_note_id)
        rows.append([
            cell(action.what),
            ", ".join(cell(w.person(o)) for o in action.owners),
            format_date(action.due, w.lang) if action.due else "",
            cell(source.text) if source else (w.t("minutes.carried_from_last") if action.carried_from else ""),
        ])
    w.table(
        [w.t(k) for k in ("minutes.col.what", "minutes.col.who", "minutes.col.due", "minutes.col.from")],
        rows,
    )


def distribution_text(devices: Distribution, lang: str) -> str:
    """Members' scores in words: "mean 3.5 over 6 scores (1: 0, 2: 1, 3: 2, 4: 2, 5: 1)" ("" when nobody scored)."""
    if devices.mean is None:
        return ""
    mean = f"{devices.mean:.1f}"
    counts = ", ".join(f"{score}: {count}" for score, count in enumerate(devices.counts, start=1))
    return t("minutes.distribution", lang, mean=mean if lang == "en" else mean.replace(".", ","),
             count=devices.total, counts=counts)


def _spread(w: _Writer, lead: int | None, devices: Distribution | None) -> str:
    """The lead's score ("4/5"), then the members' distribution and mean when they scored from phones."""
    parts = [f"{lead}/5"] if lead else []
    if devices is not None and devices.mean is not None:
        parts.append(distribution_text(devices, w.lang))
    return "; ".join(parts) or "—"


def _health(w: _Writer) -> None:
    w.heading("minutes.health")
    s = w.session
    lead = {h.statement_id: h.score for h in s.health}
    rows = []
    for statement_id, wording in scored_statements(s):
        phones = any(d.statement_id == statement_id for d in s.device_scores)
        devices = score_distribution(s, statement_id) if phones else None
        rows.append([cell(wording), _spread(w, lead.get(statement_id), devices)])
    if rows:
        w.table([w.t("minutes.col.statement"), w.t("minutes.col.score")], rows)
    else:
        w.none()
    worth = _spread(w, s.worth_score, worth_distribution(s) if s.device_worth else None)
    w.lines += ["", f"**{w.t('minutes.worth')}:** {worth}"]


def _overall(w: _Writer) -> None:
    w.heading("minutes.overall")
    s = w.session
    decision = label("overall", s.overall_decision, w.lang) if s.overall_decision else w.t("minutes.no_decision")
    w.lines.append(f"**{decision}**")
    if not blank(s.decision_rationale):
        w.lines += ["", inline(s.decision_rationale)]


def _appreciation(w: _Writer) -> None:
    w.heading("minutes.appreciation")
    for item in w.session.appreciation:
        signed = w.session.signed_name(item.id)
        name = line(w.person(item.author)) if item.author else (line(signed) if signed else "")
        by = f" — {w.t('minutes.by')}: {name}" if name else ""  # who said it, as under goes well
        w.lines.append(f"- {inline(item.text)}{by}")
    if not w.session.appreciation:
        w.none()


def _closing(w: _Writer) -> None:
    w.heading("minutes.next")
    w.lines.append(format_date(w.session.next_date, w.lang))
    w.lines += ["", "---", ""]
    version = w.session.template_version[:12]
    template = line(w.session.template_id, " (", version, ")") if version else line(w.session.template_id)
    w.lines.append(f"_{w.t('minutes.footer', template=template, id=line(w.session.short_id))}_")


def render_markdown(session: Session, anonymised: bool = False) -> str:
    """Return the Markdown minutes of a session, in the session's language.

    With ``anonymised``, the session is anonymised first (see :mod:`tui.core.anonymise`)
    and the minutes say so under the title.
    """
    if anonymised:
        from tui.core.anonymise import anonymise

        session = anonymise(session)
    writer = _Writer(session)
    writer.anonymised = anonymised
    for part in (_header, _attendance, _ambition, _checkin, _goes_well, _frictions,
                 _influence, _decisions, _actions, _health, _overall, _appreciation, _closing):
        part(writer)
    return "\n".join(writer.lines).rstrip() + "\n"
