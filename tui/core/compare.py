"""Comparing sessions across months and teams: is the collaboration improving?

Pure functions from a list of sessions to a :class:`Report`: a timeline, the follow-through
of actions, frictions that keep coming back, the share of frictions within the team's own
influence, health-check trends per statement and the decisions taken. Reading files lives
in :mod:`tui.store.gather`; rendering in :mod:`tui.core.compare_render`.

Which frictions count as the same one (recurring in a team, shared by teams) is decided in
:mod:`tui.core.frictions`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tui.core.frictions import SIMILARITY, RecurringFriction, SharedFriction, clusters, normalise, recurring, shared
from tui.core.model import REVIEW_OUTCOMES, Session
from tui.core.room_session import score_distribution, scored_statements, worth_distribution

__all__ = ["SIMILARITY", "RecurringFriction", "Report", "SharedFriction", "TeamReport", "compare", "normalise",
           "team_key", "team_names"]


def team_key(name: str) -> str:
    """Team names that differ only in case or spacing belong to the same team."""
    return " ".join(name.split()).casefold()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many small objects are built.

    Sessions hold no reference cycles, but the collector keeps rescanning the growing
    heap while thousands are loaded; that was a third of the time of a large comparison.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class TimelineRow:
    """One session in the timeline."""

    date: str
    team: str
    session_id: str
    present: int
    roster: int
    attendance_by_organisation: dict[str, list[int]]
    goes_well: int
    frictions: int
    actions: int
    worth_score: int | float | None
    """Worth-our-time: the mean of the members' scores from their phones, else the lead's score."""
    overall_decision: str | None
    status: str


@dataclass
class FollowThrough:
    """What became of one session's actions at the team's next session."""

    team: str
    session_id: str
    date: str
    actions: int
    done: int = 0
    partly: int = 0
    not_done: int = 0
    dropped: int = 0
    not_reviewed: int = 0
    next_session_id: str | None = None


@dataclass
class OpenAction:
    """An action still open after a team's latest session, with the date it was first agreed.

    An action carried forward to the next session keeps its first date, so an action that has
    been open for half a year shows as such.
    """

    what: str
    since: str
    sessions: int
    """The sessions it has been on the list of (1: agreed at the latest session)."""


@dataclass
class HealthPoint:
    """One health-check score of one session, with the wording that was asked."""

    date: str
    session_id: str
    score: float
    """The mean of the session's distribution: the lead's single score when nobody scored from a phone."""
    wording: str
    counts: tuple[int, ...] = ()
    """How many 1s ... 5s the session gave this statement (see ``room_session.score_distribution``)."""


def _worth(session: Session) -> int | float | None:
    """A session's worth-our-time as one number: the members' mean when they scored it, else the lead's."""
    mean = worth_distribution(session).mean
    if mean is None:
        return None
    return int(mean) if mean.is_integer() else round(mean, 2)


def _session_health(session: Session) -> list[tuple[str, str, float, tuple[int, ...]]]:
    """Each statement the session scored: ``(id, wording, mean, counts)``; a whole mean stays an int."""
    found = []
    for statement_id, wording in scored_statements(session):
        spread = score_distribution(session, statement_id)
        mean = spread.mean
        if mean is not None:
            found.append((statement_id, wording, int(mean) if mean.is_integer() else round(mean, 2), spread.counts))
    return found


@dataclass
class TeamReport:
    """Everything the comparison says about one team."""

    team: str
    sessions: int
    timeline: list[TimelineRow]
    follow_through: list[FollowThrough]
    open_actions: list[str]
    recurring: list[RecurringFriction]
    influence_share: list[tuple[str, float | None]]
    health: dict[str, list[HealthPoint]]
    wording_changed: list[str]
    decisions: dict[str, int]
    overall_decisions: list[tuple[str, str]]
    open_since: list[OpenAction] = field(default_factory=list)
    """Every action of the team still open (not reviewed since, not carried on), longest open first."""

    def follow_through_totals(self) -> dict[str, int]:
        """Done / partly / not done / dropped / not reviewed, summed over the team's sessions."""
        return _totals(self.follow_through)


@dataclass
class Report:
    """The comparison of a set of sessions: per team and over all teams."""

    teams: list[TeamReport]
    timeline: list[TimelineRow]
    follow_through: dict[str, int]
    influence_share: float | None
    health_means: dict[str, float]
    decisions: dict[str, int]
    overall_decisions: dict[str, int]
    since: str | None = None
    until: str | None = None
    health_wordings: dict[str, str] = field(default_factory=dict)
    """Per health statement id, the wording it was last asked with (ids are internal names)."""
    shared_frictions: list[SharedFriction] = field(default_factory=list)
    """Frictions raised by two teams or more, most teams first."""


def _totals(rows: list[FollowThrough]) -> dict[str, int]:
    totals = Counter()
    for row in rows:
        totals["actions"] += row.actions
        for outcome in (*REVIEW_OUTCOMES, "not_reviewed"):
            totals[outcome] += getattr(row, outcome)
    return {key: totals[key] for key in ("actions", *REVIEW_OUTCOMES, "not_reviewed")}


def _timeline_row(session: Session, team: str) -> TimelineRow:
    by_organisation: dict[str, list[int]] = {}
    for person in session.participants:
        counts = by_organisation.setdefault(person.organisation.strip() or "—", [0, 0])
        counts[0] += person.present
        counts[1] += 1
    return TimelineRow(
        date=session.date.isoformat(), team=team, session_id=session.id,
        present=sum(p.present for p in session.participants), roster=len(session.participants),
        attendance_by_organisation=by_organisation, goes_well=len(session.goes_well),
        frictions=len(session.frictions), actions=len(session.actions), worth_score=_worth(session),
        overall_decision=session.overall_decision, status=session.status,
    )


def _follow_through(sessions: list[Session], team: str, history: list[Session]) -> list[FollowThrough]:
    """Per session, what became of its actions at the team's next session in ``history``.

    ``history`` is every session of the team, sorted, also those outside the chosen period:
    the actions of a period's last session were reviewed at a session after it.
    """
    position = {id(s): index for index, s in enumerate(history)}
    rows = []
    for session in sessions:
        row = FollowThrough(team, session.id, session.date.isoformat(), len(session.actions))
        index = position[id(session)]
        following = history[index + 1] if index + 1 < len(history) else None
        outcomes = {}
        if following is not None:
            row.next_session_id = following.id
            outcomes = {r.action_id: r.outcome for r in following.reviews if r.source_session_id in (session.id, None)}
        for action in session.actions:
            outcome = outcomes.get(action.id) or (action.status if action.status != "open" else None)
            if outcome in REVIEW_OUTCOMES:
                setattr(row, outcome, getattr(row, outcome) + 1)
            else:
                row.not_reviewed += 1
        rows.append(row)
    return rows


def _open_since(sessions: list[Session], history: list[Session]) -> list[OpenAction]:
    """The team's actions still open: agreed in ``sessions``, never reviewed at a later session, not carried on.

    Each is dated by where its chain of carried-forward copies began. A session planned but not
    yet held (no actions of its own) does not hide the actions of the one before it.
    """
    agreed: dict[str, tuple[Session, str | None]] = {}
    settled: set[str] = set()
    for session in history:
        settled.update(review.action_id for review in session.reviews)
        for action in session.actions:
            agreed.setdefault(action.id, (session, action.carried_from))
            if action.carried_from:
                settled.add(action.carried_from)
    found = []
    for session in sessions:
        for action in session.actions:
            if action.status != "open" or action.id in settled:
                continue
            first, count, step, seen = session, 1, action.carried_from, {action.id}
            while step and step in agreed and step not in seen:
                seen.add(step)
                first, step = agreed[step]
                count += 1
            found.append(OpenAction(action.what, first.date.isoformat(), count))
    found.sort(key=lambda a: (a.since, -a.sessions))
    return found


def _influence_share(session: Session) -> float | None:
    sorted_notes = [n for n in session.frictions if n.influence]
    if not sorted_notes:
        return None
    return sum(n.influence == "within" for n in sorted_notes) / len(sorted_notes)


def _in_order(sessions: list[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.date, s.created_at))


def _team_report(team: str, sessions: list[Session], history: list[Session],
                 health_of: dict[int, list[tuple[str, str, float, tuple[int, ...]]]]) -> tuple[TeamReport, list[dict]]:
    """The team's report, and its frictions clustered (for the frictions several teams share).

    ``health_of`` holds :func:`_session_health` of every session (by ``id``), worked out once
    for the teams' reports and the overall means alike.
    """
    sessions = _in_order(sessions)
    found = clusters(sessions)
    health: dict[str, list[HealthPoint]] = defaultdict(list)
    for session in sessions:
        for statement_id, wording, mean, counts in health_of[id(session)]:
            health[statement_id].append(HealthPoint(session.date.isoformat(), session.id, mean, wording, counts))
    wording_changed = sorted(sid for sid, points in health.items() if len({p.wording for p in points}) > 1)
    decisions = Counter(n.decision for s in sessions for n in (*s.goes_well, *s.frictions) if n.decision)
    latest = sessions[-1]
    return TeamReport(
        team=team,
        sessions=len(sessions),
        timeline=[_timeline_row(s, team) for s in sessions],
        follow_through=_follow_through(sessions, team, history),
        open_actions=[a.what for a in latest.actions if a.status == "open"],
        recurring=recurring(found, team),
        influence_share=[(s.date.isoformat(), _influence_share(s)) for s in sessions],
        health=dict(health),
        wording_changed=wording_changed,
        decisions={key: decisions[key] for key in ("keep", "adjust", "stop")},
        overall_decisions=[(s.date.isoformat(), s.overall_decision) for s in sessions if s.overall_decision],
        open_since=_open_since(sessions, history),
    ), found


def in_period(session: Session, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a session falls in the period (both ends included)."""
    return (since is None or session.date >= since) and (until is None or session.date <= until)


def team_names(sessions: Iterable[Session]) -> list[str]:
    """The teams of ``sessions`` as :func:`compare` names and orders them, without comparing anything.

    A team is written as most of its sessions write it (spacing tidied); teams that differ only in
    case or spacing are one. Cheap enough for the UI thread, where a whole comparison is not.
    """
    names: dict[str, Counter] = defaultdict(Counter)
    for session in sessions:
        names[team_key(session.team)][" ".join(session.team.split())] += 1
    return sorted((spellings.most_common(1)[0][0] for spellings in names.values()), key=str.casefold)


def compare(
    sessions: list[Session],
    teams: list[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Report:
    """Compare sessions per team and over all teams; ``teams`` and the period narrow the selection."""
    with collector_paused():
        return _compare(sessions, teams, since, until)


def _compare(
    sessions: list[Session],
    teams: list[str] | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Report:
    wanted = {team_key(t) for t in teams} if teams else None
    by_team: dict[str, list[Session]] = defaultdict(list)
    histories: dict[str, list[Session]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for session in sessions:
        key = team_key(session.team)
        if wanted is None or key in wanted:
            histories[key].append(session)
            if in_period(session, since, until):
                by_team[key].append(session)
                names[key][" ".join(session.team.split())] += 1
    health_of = {id(session): _session_health(session) for group in by_team.values() for session in group}
    made = [_team_report(names[key].most_common(1)[0][0], group, _in_order(histories[key]), health_of)
            for key, group in by_team.items()]
    made.sort(key=lambda pair: pair[0].team.casefold())
    reports = [report for report, _ in made]
    timeline = sorted((row for r in reports for row in r.timeline), key=lambda row: (row.date, row.team))
    within = outside = 0
    scores: dict[str, list[float]] = defaultdict(list)
    wordings: dict[str, tuple[tuple[dt.date, str], str]] = {}
    overall = Counter()
    for group in by_team.values():
        for session in group:
            scored = health_of[id(session)]
            for statement_id, wording, _, _ in scored:
                moment = (session.date, session.created_at)
                if statement_id not in wordings or wordings[statement_id][0] <= moment:
                    wordings[statement_id] = (moment, wording)
            within += sum(n.influence == "within" for n in session.frictions)
            outside += sum(n.influence == "outside" for n in session.frictions)
            for statement_id, _, mean, _ in scored:
                scores[statement_id].append(mean)
            if session.overall_decision:
                overall[session.overall_decision] += 1
    decisions = Counter()
    for report in reports:
        decisions.update(report.decisions)
    return Report(
        teams=reports,
        timeline=timeline,
        follow_through=_totals([row for r in reports for row in r.follow_through]),
        influence_share=within / (within + outside) if within + outside else None,
        health_means={sid: round(sum(v) / len(v), 2) for sid, v in sorted(scores.items())},
        decisions={key: decisions[key] for key in ("keep", "adjust", "stop")},
        overall_decisions=dict(overall),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        health_wordings={sid: wording for sid, (_, wording) in sorted(wordings.items())},
        shared_frictions=shared([(report.team, found) for report, found in made]),
    )
