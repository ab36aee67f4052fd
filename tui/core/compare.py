"""Comparing sessions across months and teams: is the collaboration improving?

Pure functions from a list of sessions to a :class:`Report`: a timeline, the follow-through
of actions, frictions that keep coming back, the share of frictions within the team's own
influence, health-check trends per statement and the decisions taken. Reading files lives
in :mod:`tui.store.gather`; rendering in :mod:`tui.core.compare_render`.

Recurring frictions: two frictions of the same team are "the same" when their categories
agree (or one has none) and their normalised texts are equal or share at least
:data:`SIMILARITY` of their words (Jaccard index of word sets, ignoring words shorter than
three letters). Normalising removes case, accents and punctuation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tui.core.model import REVIEW_OUTCOMES, Session

SIMILARITY = 0.6
"""Minimum share of shared words (Jaccard) for two frictions to count as the same one."""


def team_key(name: str) -> str:
    """Team names that differ only in case or spacing belong to the same team."""
    return " ".join(name.split()).casefold()


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation (typographic dashes and quotes too), single spaces."""
    spaced = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text.casefold())
    ascii_text = unicodedata.normalize("NFKD", spaced.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


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


@functools.lru_cache(maxsize=65536)
def _signature(text: str) -> tuple[str, frozenset[str]]:
    """A friction's normalised text and its set of words of three letters or more."""
    normalised = normalise(text)
    return normalised, frozenset(word for word in normalised.split() if len(word) >= 3)


def _similar(words: frozenset[str], known: frozenset[str]) -> bool:
    shared = len(words & known)
    together = len(words) + len(known) - shared
    return together > 0 and shared / together >= SIMILARITY


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
    worth_score: int | None
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
class RecurringFriction:
    """A friction that came back in later sessions of the same team."""

    team: str
    text: str
    category: str | None
    first_seen: str
    last_seen: str
    sessions: int
    ever_within_influence: bool
    texts: list[str] = field(default_factory=list)


@dataclass
class SharedFriction:
    """A friction raised by more than one team in the period: a theme for the region, not one team."""

    text: str
    category: str | None
    teams: list[str]
    sessions: int
    first_seen: str
    last_seen: str


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
    wording: str


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
    """The open actions of ``open_actions`` with how long each has been open, longest first."""

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
        frictions=len(session.frictions), actions=len(session.actions), worth_score=session.worth_score,
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


def _clusters(sessions: list[Session]) -> list[dict]:
    """Group the frictions of ``sessions`` (in order) into clusters of "the same" friction."""
    clusters: list[dict] = []
    by_text: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    # Prefix filtering: with the words of every wording ordered rarest first, two wordings
    # whose Jaccard index reaches SIMILARITY always share one of their first few words, so
    # only those are indexed and looked up (common words would make every cluster a candidate).
    frequency = Counter(word for session in sessions for note in session.frictions
                        for word in _signature(note.text)[1])

    def prefix(words: frozenset[str]) -> list[str]:
        keep = len(words) - math.ceil(SIMILARITY * len(words) - 1e-9) + 1
        return sorted(words, key=lambda word: (frequency[word], word))[:keep]

    for session in sessions:
        for note in session.frictions:
            text, words = _signature(note.text)
            category = normalise(note.category) if note.category else None
            probe = prefix(words)
            candidates = {c for word in probe for c in by_word.get(word, ())}
            candidates.update(by_text.get(text, ()))
            match = None
            for candidate in sorted(candidates):
                cluster = clusters[candidate]
                if category and cluster["category"] and category != cluster["category"]:
                    continue
                # Compared with every wording so far, so a friction that drifts a word at a time stays one.
                if text in cluster["texts"] or any(_similar(words, known) for known in cluster["word_sets"]):
                    match = candidate
                    break
            if match is None:
                match = len(clusters)
                clusters.append({"texts": set(), "word_sets": [], "category": None, "notes": [], "sessions": []})
            cluster = clusters[match]
            if text not in cluster["texts"]:
                cluster["texts"].add(text)
                cluster["word_sets"].append(words)
                by_text[text].append(match)
                for word in probe:
                    if match not in by_word[word]:
                        by_word[word].append(match)
            cluster["category"] = cluster["category"] or category
            cluster["notes"].append((session, note))
            if not cluster["sessions"] or cluster["sessions"][-1] is not session:
                cluster["sessions"].append(session)
    return clusters


def _recurring(clusters: list[dict], team: str) -> list[RecurringFriction]:
    recurring = []
    for cluster in clusters:
        if len(cluster["sessions"]) < 2:
            continue
        notes = cluster["notes"]
        first, last = cluster["sessions"][0], cluster["sessions"][-1]
        category = next((n.category for _, n in notes if n.category), None)
        recurring.append(RecurringFriction(
            team=team, text=notes[-1][1].text, category=category, first_seen=first.date.isoformat(),
            last_seen=last.date.isoformat(), sessions=len(cluster["sessions"]),
            ever_within_influence=any(n.influence == "within" for _, n in notes),
            texts=list(dict.fromkeys(n.text for _, n in notes)),
        ))
    recurring.sort(key=lambda r: (-r.sessions, r.first_seen))
    return recurring


def _shared(team_clusters: list[tuple[str, list[dict]]]) -> list[SharedFriction]:
    """Frictions that more than one team raised, by the same rule as a team's recurring frictions.

    Works on each team's clusters rather than on every note again: a team's wordings of one
    friction are matched once, so the pass costs little next to the teams' own clustering.
    """
    frequency = Counter(word for _, clusters in team_clusters for cluster in clusters
                        for words in cluster["word_sets"] for word in words)

    prefixes: dict[frozenset[str], list[str]] = {}

    def prefix(words: frozenset[str]) -> list[str]:
        if words not in prefixes:
            keep = len(words) - math.ceil(SIMILARITY * len(words) - 1e-9) + 1
            prefixes[words] = sorted(words, key=lambda word: (frequency[word], word))[:keep]
        return prefixes[words]

    groups: list[dict] = []
    by_text: dict[str, list[int]] = defaultdict(list)
    by_words: dict[frozenset[str], list[int]] = defaultdict(list)
    # Prefix filtering is exact: two word sets similar enough always share a word of their
    # prefixes, so each wording is compared only with the wordings listed under those words,
    # and only with those of a category that can agree (listed by the group's category then).
    by_word: dict[str, dict[str | None, list[tuple[int, frozenset[str]]]]] = defaultdict(dict)

    def agrees(category: str | None, group: int) -> bool:
        known = groups[group]["category"]
        return not category or not known or category == known

    def listed(word: str, category: str | None):
        buckets = by_word.get(word, {})
        for listed_as in ((category, None) if category else buckets):
            yield from buckets.get(listed_as, ())

    for team, clusters in team_clusters:
        for cluster in clusters:
            category = cluster["category"]
            match = next((group for text in cluster["texts"] for group in by_text.get(text, ())
                          if agrees(category, group)), None)
            if match is None:
                match = next((group for words in cluster["word_sets"] for group in by_words.get(words, ())
                              if agrees(category, group)), None)
            if match is None:
                match = next((group for words in cluster["word_sets"] for word in prefix(words)
                              for group, known in listed(word, category)
                              if agrees(category, group) and _similar(words, known)), None)
            if match is None:
                match = len(groups)
                groups.append({"teams": [], "word_sets": set(), "category": None, "sessions": 0,
                               "first": None, "latest": None})
            group = groups[match]
            if team not in group["teams"]:
                group["teams"].append(team)
            group["category"] = group["category"] or category
            group["sessions"] += len(cluster["sessions"])
            first, (last_session, last_note) = cluster["sessions"][0], cluster["notes"][-1]
            if group["first"] is None or first.date < group["first"].date:
                group["first"] = first
            if group["latest"] is None or last_session.date >= group["latest"][0].date:
                group["latest"] = (last_session, last_note)
            for text in cluster["texts"]:
                if match not in by_text[text]:
                    by_text[text].append(match)
            for words in cluster["word_sets"]:
                if words not in group["word_sets"]:
                    by_words[words].append(match)
                    group["word_sets"].add(words)
                    for word in prefix(words):
                        by_word[word].setdefault(group["category"], []).append((match, words))
    shared = [SharedFriction(
        text=group["latest"][1].text, category=group["latest"][1].category or group["category"],
        teams=sorted(group["teams"], key=str.casefold), sessions=group["sessions"],
        first_seen=group["first"].date.isoformat(), last_seen=group["latest"][0].date.isoformat(),
    ) for group in groups if len(group["teams"]) > 1]
    shared.sort(key=lambda f: (-len(f.teams), -f.sessions, f.first_seen))
    return shared


def _open_since(latest: Session, history: list[Session]) -> list[OpenAction]:
    """The latest session's open actions, each dated by where its chain of carried-forward copies began."""
    agreed: dict[str, tuple[Session, str | None]] = {}
    for session in history:
        for action in session.actions:
            agreed.setdefault(action.id, (session, action.carried_from))
    found = []
    for action in latest.actions:
        if action.status != "open":
            continue
        first, sessions, step, seen = latest, 1, action.carried_from, {action.id}
        while step and step in agreed and step not in seen:
            seen.add(step)
            first, step = agreed[step]
            sessions += 1
        found.append(OpenAction(action.what, first.date.isoformat(), sessions))
    found.sort(key=lambda a: (a.since, -a.sessions))
    return found


def _influence_share(session: Session) -> float | None:
    sorted_notes = [n for n in session.frictions if n.influence]
    if not sorted_notes:
        return None
    return sum(n.influence == "within" for n in sorted_notes) / len(sorted_notes)


def _in_order(sessions: list[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.date, s.created_at))


def _team_report(team: str, sessions: list[Session], history: list[Session]) -> tuple[TeamReport, list[dict]]:
    """The team's report, and its frictions clustered (for the frictions several teams share)."""
    sessions = _in_order(sessions)
    clusters = _clusters(sessions)
    health: dict[str, list[HealthPoint]] = defaultdict(list)
    for session in sessions:
        for score in session.health:
            health[score.statement_id].append(HealthPoint(session.date.isoformat(), session.id, score.score,
                                                          score.wording))
    wording_changed = sorted(sid for sid, points in health.items() if len({p.wording for p in points}) > 1)
    decisions = Counter(n.decision for s in sessions for n in (*s.goes_well, *s.frictions) if n.decision)
    latest = sessions[-1]
    return TeamReport(
        team=team,
        sessions=len(sessions),
        timeline=[_timeline_row(s, team) for s in sessions],
        follow_through=_follow_through(sessions, team, history),
        open_actions=[a.what for a in latest.actions if a.status == "open"],
        recurring=_recurring(clusters, team),
        influence_share=[(s.date.isoformat(), _influence_share(s)) for s in sessions],
        health=dict(health),
        wording_changed=wording_changed,
        decisions={key: decisions[key] for key in ("keep", "adjust", "stop")},
        overall_decisions=[(s.date.isoformat(), s.overall_decision) for s in sessions if s.overall_decision],
        open_since=_open_since(latest, history),
    ), clusters


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
    made = [_team_report(names[key].most_common(1)[0][0], group, _in_order(histories[key]))
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
            for score in session.health:
                moment = (session.date, session.created_at)
                if score.statement_id not in wordings or wordings[score.statement_id][0] <= moment:
                    wordings[score.statement_id] = (moment, score.wording)
            within += sum(n.influence == "within" for n in session.frictions)
            outside += sum(n.influence == "outside" for n in session.frictions)
            for score in session.health:
                scores[score.statement_id].append(score.score)
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
        shared_frictions=_shared([(report.team, clusters) for report, clusters in made]),
    )
