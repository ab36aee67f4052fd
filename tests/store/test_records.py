"""The records store's everyday behaviour: sessions, ids, teams, minutes files and import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.core.codec import dumps, load_file, to_document
from tui.core.errors import UserError
from tui.core.model import FrictionNote, Participant, TeamProfile
from tui.core.validation import ValidationError
from tui.store.lock import LOCK_NAME
from tui.store.records import DB_NAME, RecordsStore

from .helpers import make_session

# -- sessions ------------------------------------------------------------------------------


def test_save_and_get_round_trip(store: RecordsStore, folder: Path) -> None:
    session = make_session(notes=5, title="Voorjaar", ambition="Samen zorgen voor meneer Jansen")
    store.save_session(session)
    assert store.get_session(session.id) == session
    with RecordsStore.open(folder, read_only=True) as reader:  # and from the file, not just memory
        assert reader.get_session(session.id) == session


def test_saving_again_updates_in_place(store: RecordsStore) -> None:
    session = make_session(title="eerst")
    store.save_session(session)
    session.title = "daarna"
    session.frictions[0].votes = 7
    store.save_session(session)
    assert [s.title for s in store.list_sessions()] == ["daarna"]
    assert store.get_session(session.id) == session


def test_get_by_unique_prefix(store: RecordsStore) -> None:
    first = make_session(id="abcd1111" + "0" * 24)
    second = make_session(id="abcd2222" + "0" * 24)
    store.save_session(first)
    store.save_session(second)
    assert store.get_session("abcd1") == first
    assert store.get_session("  ABCD2 ") == second
    assert store.resolve_id(second.id) == second.id


@pytest.mark.parametrize(("ref", "key"), [("abcd", "store.ambiguous"), ("ffff", "store.not_found"), ("", "store.not_found")])
def test_bad_references(store: RecordsStore, ref: str, key: str) -> None:
    store.save_session(make_session(id="abcd1111" + "0" * 24))
    store.save_session(make_session(id="abcd2222" + "0" * 24))
    with pytest.raises(UserError) as raised:
        store.get_session(ref)
    assert raised.value.key == key
    if key == "store.ambiguous":
        assert raised.value.params["count"] == 2


def test_list_sessions_newest_date_first(store: RecordsStore) -> None:
    dates = [dt.date(2024, 1, 10), dt.date(2024, 3, 5), dt.date(2023, 11, 30), dt.date(2024, 2, 1)]
    for date in dates:
        store.save_session(make_session(date=date))
    listed = store.list_sessions()
    assert [s.date for s in listed] == [d.isoformat() for d in sorted(dates, reverse=True)]
    assert listed[0].notes == 3  # two goes-well notes and one friction


def test_same_date_lists_latest_update_first(store: RecordsStore) -> None:
    morning = make_session(title="ochtend", updated_at="2024-05-14T08:00:00+00:00")
    evening = make_session(title="avond", updated_at="2024-05-14T19:00:00+00:00")
    store.save_session(morning)
    store.save_session(evening)
    assert [s.title for s in store.list_sessions()] == ["avond", "ochtend"]


def test_delete_session(store: RecordsStore) -> None:
    gone, kept = make_session(), make_session()
    store.save_session(gone)
    store.save_session(kept)
    store.delete_session(gone.id)
    assert not store.has_session(gone.id)
    assert [s.id for s in store.list_sessions()] == [kept.id]


def test_invalid_session_is_refused_and_not_written(store: RecordsStore) -> None:
    session = make_session(frictions=[FrictionNote(text="Te weinig tijd", votes=-1)])
    writes = store.writes
    with pytest.raises(ValidationError) as raised:
        store.save_session(session)
    assert raised.value.problem.path == "frictions[0].votes"
    assert "frictions[0].votes" in str(raised.value)
    assert not store.has_session(session.id)
    assert store.writes == writes


def test_updating_a_session_writes_its_file_once(store: RecordsStore) -> None:
    session = make_session()
    store.save_session(session)
    writes = store.writes
    session.title = "bijgewerkt"
    store.save_session(session)
    assert store.writes == writes + 1


def test_saving_a_new_session_writes_one_file(store: RecordsStore) -> None:
    writes = store.writes
    store.save_session(make_session())
    assert store.writes == writes + 1


def test_changing_a_document_after_saving_does_not_change_the_store(store: RecordsStore) -> None:
    session = make_session()
    doc = to_document(session)
    store.save_document(doc)
    doc["goes_well"][0]["text"] = "later veranderd, nooit bewaard"
    assert store.get_session(session.id) == session


# -- teams ---------------------------------------------------------------------------------


def test_team_profile_found_with_loose_name(store: RecordsStore) -> None:
    profile = TeamProfile(
        name="Wijkteam Oost",
        roster=[Participant(name="Anna de Vries", role="gp"), Participant(name="Sem Bakker", role="district_nurse")],
        ambition="Niemand valt tussen wal en schip",
    )
    store.save_team(profile)
    assert store.get_team("Wijkteam  oost") == profile
    assert store.get_team(" WIJKTEAM OOST ") == profile
    assert store.get_team("Wijkteam West") is None


def test_saving_a_team_again_replaces_its_profile(store: RecordsStore) -> None:
    store.save_team(TeamProfile(name="Wijkteam Oost", ambition="oud"))
    store.save_team(TeamProfile(name="wijkteam  OOST", ambition="nieuw"))
    assert store.get_team("Wijkteam Oost").ambition == "nieuw"
    assert len(store.team_names()) == 1


def test_remember_team_stores_roster_and_ambition(store: RecordsStore) -> None:
    session = make_session(
        participants=[Participant(name="Fatima El Amrani", role="home_care"), Participant(name="Joke", role="client")],
        ambition="Joke kan thuis blijven wonen",
        facilitator="Sanne (wijkverpleging)",
    )
    store.remember_team(session)
    profile = store.get_team("wijkteam oost")
    assert profile.name == session.team
    assert profile.roster == session.participants
    assert profile.ambition == session.ambition
    assert profile.facilitator == "Sanne (wijkverpleging)"


def test_profile_saved_before_the_facilitator_was_kept_reads_without_one(store: RecordsStore) -> None:
    from tui.core.codec import team_from_record

    old = {"name": "Wijkteam Oost", "roster": [], "ambition": "Samen", "updated_at": "2025-01-01T10:00:00+00:00"}
    assert team_from_record(old).facilitator == ""


def test_team_names_from_profiles_and_sessions(store: RecordsStore) -> None:
    store.save_team(TeamProfile(name="Wijkteam Oost"))
    store.save_session(make_session(team="wijkteam oost"))
    store.save_session(make_session(team="Buurtzorg West"))
    assert store.team_names() == ["Buurtzorg West", "Wijkteam Oost"]


def test_sessions_of_team_and_previous_session(store: RecordsStore) -> None:
    first = make_session(team="Wijkteam Oost", date=dt.date(2024, 1, 15))
    second = make_session(team="wijkteam  oost", date=dt.date(2024, 3, 18))
    third = make_session(team="Wijkteam Oost", date=dt.date(2024, 6, 3))
    other = make_session(team="Buurtzorg West", date=dt.date(2024, 4, 1))
    for session in (third, other, first, second):
        store.save_session(session)

    assert store.sessions_of_team("WIJKTEAM OOST") == [first, second, third]
    assert store.previous_session(third) == second
    assert store.previous_session(second) == first
    assert store.previous_session(first) is None
    assert store.previous_session(other) is None
    upcoming = make_session(team="Wijkteam Oost", date=dt.date(2024, 9, 9))  # not saved yet
    assert store.previous_session(upcoming) == third


# -- settings ------------------------------------------------------------------------------


def test_settings_are_remembered(store: RecordsStore, folder: Path) -> None:
    assert store.setting("theme") is None
    assert store.setting("theme", "licht") == "licht"
    store.remember_setting("theme", "donker")
    writes = store.writes
    store.remember_setting("theme", "donker")  # unchanged: nothing to write
    assert store.writes == writes
    store.close()
    with RecordsStore.open(folder, read_only=True) as again:
        assert again.setting("theme") == "donker"


def test_read_only_store_skips_remembering_settings(store: RecordsStore, folder: Path) -> None:
    store.remember_setting("theme", "donker")
    with RecordsStore.open(folder, allow_read_only=True) as reader:
        assert reader.read_only
        reader.remember_setting("theme", "licht")  # no error: a preference is not worth one
        assert reader.setting("theme") == "donker"


# -- files ---------------------------------------------------------------------------------


def test_write_minutes(store: RecordsStore, folder: Path) -> None:
    session = make_session(team="Wijkteam Oost-Zuid (Zwolle)", date=dt.date(2024, 5, 14))
    paths = store.write_minutes(session)
    stem = f"2024-05-14-wijkteam-oost-zuid-zwolle-{session.id[:8]}"
    assert paths == [folder / f"{stem}.json", folder / f"{stem}.md", folder / f"{stem}.html"]
    assert load_file(paths[0]) == session
    markdown = paths[1].read_text(encoding="utf-8")
    assert "Wijkteam Oost-Zuid (Zwolle)" in markdown
    assert "Korte lijnen 0" in markdown
    assert store.write_minutes(session, ["md"]) == [paths[1]]
    anonymous_stem = f"2024-05-14-zorgnetwerk-{session.id[:8]}"  # the team's name is not in it
    assert store.write_minutes(session, ["md"], anonymised=True) == [folder / f"{anonymous_stem}-anon.md"]


# -- import --------------------------------------------------------------------------------


def write_session_file(path: Path, session) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(session), encoding="utf-8")
    return path


def test_import_paths_writes_one_file_per_session_and_the_index_once(store: RecordsStore, tmp_path: Path) -> None:
    present = make_session(title="al aanwezig")
    store.save_session(present)
    good, nested = make_session(title="goed"), make_session(title="in submap")
    inbox = tmp_path / "inbox"
    good_file = write_session_file(inbox / "a-good.json", good)
    twin_file = write_session_file(inbox / "b-same-id.json", good)
    present_file = write_session_file(inbox / "c-present.json", present)
    nested_file = write_session_file(inbox / "sub" / "d-nested.json", nested)
    corrupt = inbox / "e-corrupt.json"
    corrupt.write_text('{"format": "terugblik-session", "id": ', encoding="utf-8")
    not_session = inbox / "f-other.json"
    not_session.write_text(json.dumps({"patients": []}), encoding="utf-8")
    newer = inbox / "g-newer.json"
    newer.write_text(json.dumps(to_document(make_session()) | {"schema_version": 4}), encoding="utf-8")
    (inbox / ".hidden.json").write_text("ignored", encoding="utf-8")
    (inbox / DB_NAME).write_text("{}", encoding="utf-8")
    (inbox / "notes.txt").write_text("not json", encoding="utf-8")
    loose = make_session(title="los bestand")
    extra = write_session_file(tmp_path / "elsewhere.json", loose)

    writes = store.writes
    report = store.import_paths([inbox, extra, good_file])  # good_file again: a duplicate within the import

    assert store.writes == writes + 3 + 1  # three sessions, one index
    assert report.imported == [(good_file, good.id), (nested_file, nested.id), (extra, loose.id)]
    assert report.duplicates == [(twin_file, good.id), (present_file, present.id), (good_file, good.id)]
    skipped = dict(report.skipped)
    assert list(skipped) == [corrupt, not_session, newer]
    assert "line 1" in skipped[corrupt]
    assert "not a Terugblik session" in skipped[not_session]
    assert "newer" in skipped[newer]
    assert store.get_session(good.id) == good
    assert store.get_session(nested.id) == nested
    assert sorted(s.title for s in store.list_sessions()) == ["al aanwezig", "goed", "in submap", "los bestand"]


def test_import_with_nothing_new_does_not_write(store: RecordsStore, tmp_path: Path) -> None:
    session = make_session()
    store.save_session(session)
    writes = store.writes
    report = store.import_paths([write_session_file(tmp_path / "x.json", session), tmp_path / "missing.json"])
    assert report.imported == []
    assert [path.name for path, _ in report.skipped] == ["missing.json"]
    assert store.writes == writes


def test_store_files_stay_in_the_records_folder(store: RecordsStore, folder: Path) -> None:
    store.save_session(make_session())
    assert sorted(p.name for p in folder.iterdir()) == sorted([LOCK_NAME, ".terugblik", "sessions"])
    assert len(list((folder / "sessions").iterdir())) == 1  # no temp files left
