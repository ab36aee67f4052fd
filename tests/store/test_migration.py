"""A records folder of an earlier version (one database file) becomes one file per session, losing nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

from tui.core.codec import to_document
from tui.core.model import Participant, TeamProfile
from tui.core.codec import team_to_record
from tui.store.records import DB_NAME, RecordsStore
from tui.store.storage import AtomicJSONStorage

from .helpers import keys, make_session

COUNT = 3000


def old_folder(folder: Path, count: int) -> tuple[list[dict], bytes]:
    """A records folder as earlier versions wrote it: ``count`` sessions, a team profile, preferences."""
    rng = random.Random(15)
    docs = []
    for number in range(count):
        session = make_session(team=f"Wijkteam {number % 40}", title=f"sessie {number}", notes=rng.randint(0, 4))
        session.status = rng.choice(["closed", "in_progress"])
        docs.append(to_document(session))
    profile = TeamProfile(name="Wijkteam 3", ambition="Samen thuis",
                          roster=[Participant(name="Anna", organisation="Praktijk", role="gp")])
    tables = {
        "sessions": {str(n): doc for n, doc in enumerate(docs, start=1)},
        "teams": {"1": team_to_record(profile) | {"key": "wijkteam 3"}},
        "settings": {"1": {"name": "theme", "value": "textual-dark"},
                     "2": {"name": "minutes_formats", "value": "md,html"}},
    }
    folder.mkdir(mode=0o700)
    AtomicJSONStorage(folder / DB_NAME).write(tables)
    return docs, (folder / DB_NAME).read_bytes()


def test_a_folder_of_thousands_migrates_on_first_open_with_nothing_lost(folder: Path) -> None:
    docs, before = old_folder(folder, COUNT)
    with RecordsStore.open(folder, read_only=True) as reader:  # a reader cannot migrate: it reads the old file
        assert reader.legacy and len(reader.list_sessions()) == COUNT
        assert reader.get_session(docs[7]["id"]).title == "sessie 7"
    assert (folder / DB_NAME).read_bytes() == before

    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.migrated"]
        [backup] = folder.glob("terugblik.db.backup-*.json")
        assert backup.read_bytes() == before and not (folder / DB_NAME).exists()
        assert store.warnings[0].params["backup"] == backup and store.warnings[0].params["count"] == COUNT
        listed = {s.id: s for s in store.list_sessions()}
        assert set(listed) == {doc["id"] for doc in docs}
        for doc in docs[::97]:
            assert to_document(store.get_session(doc["id"])) == doc
            assert listed[doc["id"]].status == doc["status"] and listed[doc["id"]].versions == 1
        assert store.get_team("wijkteam  3").ambition == "Samen thuis"
        assert store.setting("theme") == "textual-dark" and store.setting("minutes_formats") == "md,html"
    files = list((folder / "sessions").iterdir())
    assert len(files) == COUNT
    assert all(json.loads(path.read_bytes())["id"] == path.stem for path in files[::101])
    with RecordsStore.open(folder) as store:  # once is enough
        assert store.warnings == [] and len(store.list_sessions()) == COUNT


def test_a_session_already_in_its_own_file_is_never_overwritten_by_the_old_database(folder: Path) -> None:
    docs, _ = old_folder(folder, 3)
    newer = dict(docs[0], title="nieuwer, al een eigen bestand")
    (folder / "sessions").mkdir(mode=0o700)
    (folder / "sessions" / f"{newer['id']}.json").write_text(json.dumps(newer), encoding="utf-8")
    with RecordsStore.open(folder) as store:
        assert keys(store.warnings) == ["store.migrated", "store.conflicts"]
        versions = store.conflict_versions(newer["id"])
        assert [s.title for _, s in versions] == ["nieuwer, al een eigen bestand", "sessie 0"]
