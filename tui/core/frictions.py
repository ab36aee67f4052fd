"""Which frictions are "the same": within one team over time, and across teams.

Two frictions are the same when their categories agree (or one has none) and their
normalised texts are equal or share at least :data:`SIMILARITY` of their words (Jaccard
index of word sets, ignoring words shorter than three letters). Normalising removes case,
accents and punctuation. Used by :mod:`tui.core.compare` for the frictions that keep coming
back in a team and those several teams share.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tui.core.model import Session

SIMILARITY = 0.6
"""Minimum share of shared words (Jaccard) for two frictions to count as the same one."""


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation (typographic dashes and quotes too), single spaces."""
    spaced = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text.casefold())
    ascii_text = unicodedata.normalize("NFKD", spaced.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


@functools.lru_cache(maxsize=65536)
def signature(text: str) -> tuple[str, frozenset[str]]:
    """A friction's normalised text and its set of words of three letters or more."""
    normalised = normalise(text)
    return normalised, frozenset(word for word in normalised.split() if len(word) >= 3)


def _similar(words: frozenset[str], known: frozenset[str]) -> bool:
    shared = len(words & known)
    together = len(words) + len(known) - shared
    return together > 0 and shared / together >= SIMILARITY


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


def clusters(sessions: list[Session]) -> list[dict]:
    """Group the frictions of ``sessions`` (in order) into clusters of "the same" friction."""
    clusters: list[dict] = []
    by_text: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    # Prefix filtering: with the words of every wording ordered rarest first, two wordings
    # whose Jaccard index reaches SIMILARITY always share one of their first few words, so
    # only those are indexed and looked up (common words would make every cluster a candidate).
    frequency = Counter(word for session in sessions for note in session.frictions
                        for word in signature(note.text)[1])

    def prefix(words: frozenset[str]) -> list[str]:
        keep = len(words) - math.ceil(SIMILARITY * len(words) - 1e-9) + 1
        return sorted(words, key=lambda word: (frequency[word], word))[:keep]

    for session in sessions:
        for note in session.frictions:
            text, words = signature(note.text)
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
                # "texts" in the order first seen (a dict, not a set): shared() matches through them in turn
                clusters.append({"texts": {}, "word_sets": [], "category": None, "notes": [], "sessions": []})
            cluster = clusters[match]
            if text not in cluster["texts"]:
                cluster["texts"][text] = None
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


def recurring(clusters: list[dict], team: str) -> list[RecurringFriction]:
    """The clusters of one team's frictions seen in two sessions or more, most sessions first."""
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


def shared(team_clusters: list[tuple[str, list[dict]]]) -> list[SharedFriction]:
    """Frictions that more than one team raised, by the same rule as a team's recurring frictions.

    Works on each team's clusters rather than on every note again: a team's wordings of one
    friction are matched once, so the pass costs little next to the teams' own clustering.
    """
    frequency = Counter(word for _, found in team_clusters for cluster in found
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

    for team, found in team_clusters:
        for cluster in found:
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
