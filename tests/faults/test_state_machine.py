"""Random sequences of what a lead does, with restarts in between: memory and disk never drift apart.

A hypothesis state machine drives a :class:`~tui.store.live.LiveSession` on a real
:class:`~tui.store.records.RecordsStore` in a temporary folder, saved by a real
:class:`~tui.store.autosave.Autosaver` — exactly what the app does, without the screens.
"Restart" flushes, closes the store, opens the folder again and loads the session back,
as after quitting and resuming. After every step: the session validates, and the copy
on disk (read from the file itself, not the store's cache) equals the one in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tui.core import operations
from tui.core.codec import from_document, to_document, validate_session
from tui.core.model import INFLUENCE, NOTE_DECISIONS, PHASES, FrictionNote, GoesWellNote
from tui.store.autosave import Autosaver
from tui.store.live import LiveSession
from tui.store.records import RecordsStore

texts = st.text(min_size=1, max_size=30).filter(str.strip)  # what the screens accept: not blank
optional_texts = st.text(max_size=20)
picks = st.integers(min_value=0, max_value=1000)
decisions = st.sampled_from([None, *NOTE_DECISIONS])
influences = st.sampled_from([None, *INFLUENCE])
dates = st.none() | st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))


class LiveSessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="terugblik-machine-"))
        self.folder = self.tmp / "records"
        self.store = RecordsStore.open(self.folder)
        self.saver = Autosaver(self.store)
        session = operations.start_session("Wijkteam Oost", "nl", "zorgnetwerk")
        for name in ("Anna", "Bram", "Carla"):
            operations.add_participant(session, name, "Praktijk", "gp")
        self.live = LiveSession(session, self.store, self.saver)
        self.live.save()
        self.restarts = 0

    # -- helpers -----------------------------------------------------------------------------

    @property
    def session(self):
        return self.live.session

    def notes(self) -> list[GoesWellNote | FrictionNote]:
        return [*self.session.goes_well, *self.session.frictions]

    def pick(self, items: list, index: int):
        return items[index % len(items)]

    def person(self, index: int) -> str | None:
        people = [p.id for p in self.session.participants]
        return None if not people or index % (len(people) + 1) == len(people) else people[index % (len(people) + 1)]

    # -- rules: what a lead does -------------------------------------------------------------

    @rule(text=texts, why=optional_texts, author=picks)
    def add_goes_well(self, text, why, author):
        self.live.change(operations.add_goes_well, text, why, self.person(author))

    @rule(text=texts, category=st.none() | st.sampled_from(["Rollen", "Overdracht"]))
    def add_friction(self, text, category):
        self.live.change(operations.add_friction, text, category)

    @precondition(lambda self: self.notes())
    @rule(index=picks, text=texts, why=optional_texts)
    def edit(self, index, text, why):
        note = self.pick(self.notes(), index)
        fields = {"text": text, **({"why": why} if isinstance(note, GoesWellNote) else {})}
        self.live.change(operations.edit_item, note.id, **fields)

    @precondition(lambda self: self.notes() or self.session.actions or self.session.participants)
    @rule(index=picks)
    def delete(self, index):
        item = self.pick([*self.notes(), *self.session.actions, *self.session.participants], index)
        self.live.change(operations.delete_item, item.id)

    @precondition(lambda self: len(self.session.goes_well) >= 2 or len(self.session.frictions) >= 2)
    @rule(kind=st.booleans(), first=picks, second=picks)
    def merge(self, kind, first, second):
        notes = self.session.goes_well if kind and len(self.session.goes_well) >= 2 else self.session.frictions
        if len(notes) < 2:
            notes = self.session.goes_well
        keep = self.pick(notes, first)
        other = self.pick([n for n in notes if n is not keep], second)
        self.live.change(operations.merge_notes, keep.id, other.id)

    @precondition(lambda self: self.session.frictions)
    @rule(index=picks, delta=st.integers(-3, 3))
    def vote(self, index, delta):
        self.live.change(operations.vote, self.pick(self.session.frictions, index).id, delta)

    @precondition(lambda self: self.session.frictions)
    @rule(index=picks, influence=influences)
    def set_influence(self, index, influence):
        self.live.change(operations.set_influence, self.pick(self.session.frictions, index).id, influence)

    @precondition(lambda self: self.notes())
    @rule(index=picks, decision=decisions)
    def set_decision(self, index, decision):
        self.live.change(operations.set_decision, self.pick(self.notes(), index).id, decision)

    @rule(what=texts, source=picks, owners=st.lists(picks, max_size=3), due=dates)
    def add_action(self, what, source, owners, due):
        notes = self.notes()
        source_id = self.pick(notes, source).id if notes and source % 3 else None
        owner_ids = list(dict.fromkeys(o for o in map(self.person, owners) if o is not None))
        self.live.change(operations.add_action, what, owner_ids, due, source_note_id=source_id)

    @rule()
    def undo(self):
        self.live.undo()

    @rule(phase=st.sampled_from(PHASES))
    def enter_phase(self, phase):
        self.live.enter_phase(phase)

    @rule()
    def restart(self):
        """Quit and resume: flush, close the store, open the folder again, load the session back."""
        assert self.saver.close(timeout=5)
        self.store.close()
        before = to_document(self.session)
        self.store = RecordsStore.open(self.folder)
        assert self.store.warnings == []
        self.saver = Autosaver(self.store)
        reloaded = self.store.get_session(self.session.id)
        assert to_document(reloaded) == before
        self.live = LiveSession(reloaded, self.store, self.saver)
        self.restarts += 1

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def session_validates(self):
        validate_session(self.session)

    @invariant()
    def disk_equals_memory_after_flush(self):
        assert self.saver.flush(timeout=5), self.saver.last_error
        doc = json.loads((self.folder / "sessions" / f"{self.session.id}.json").read_bytes())
        assert to_document(from_document(doc)) == to_document(self.session)

    def teardown(self):
        self.saver.close(timeout=5)
        self.store.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


LiveSessionMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    derandomize=True,  # the same 30 runs every time: never flaky in CI (explore with more examples by hand)
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLiveSessionMachine = LiveSessionMachine.TestCase
