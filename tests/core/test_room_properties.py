"""Any sequence of members' changes keeps the session valid, within every budget, and lossless on file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import codec
from tui.core.catalog import shipped_templates_dir
from tui.core.errors import UserError
from tui.core.model import Session
from tui.core.room_session import apply_member_change, reveal
from tui.core.room_view import MemberChange
from tui.core.templates import load_template

TEMPLATE = load_template(shipped_templates_dir() / "kort_en.toml", "shipped")
REFUSALS = {"room.phase_over", "room.empty_note", "room.too_big", "room.no_dots_left", "room.unknown_choice",
            "room.bad_request"}

_text = st.text(max_size=60)
_device = st.sampled_from(["dev-a", "dev-b", "dev-c"])
_key = st.sampled_from([f"k{n}" for n in range(12)])
_phase = st.sampled_from(["setup", "goes_well", "frictions", "influence", "decide", "close"])
_change = st.one_of(
    st.builds(lambda k, p, t, e, s: MemberChange("note", k, phase=p, text=t, extra=e, signed=s),
              _key, st.sampled_from(["goes_well", "frictions", "decide"]), _text, st.one_of(_text, st.just("1")),
              st.booleans()),
    st.builds(lambda k, t, s: MemberChange("vote", k, target=t, step=s), _key, st.sampled_from(["x", "first"]),
              st.sampled_from([1, -1, 2])),
    st.builds(lambda k, v, w: MemberChange("scores", k, scores={TEMPLATE.health_check[0].id: v, "worth": w}),
              _key, st.integers(0, 6), st.integers(1, 5)),
)
_step = st.one_of(st.tuples(st.just("phase"), _phase), st.tuples(st.just("reveal"), st.none()),
                  st.tuples(_device, _change, _text))


@settings(max_examples=80, deadline=None)
@given(st.lists(_step, max_size=25))
def test_any_sequence_of_members_changes_keeps_the_session_valid(steps):
    session = Session(team="Team", language="en")
    for step in steps:
        if step[0] == "phase":
            session.current_phase = step[1]
        elif step[0] == "reveal":
            reveal(session)
        else:
            device, change, name = step
            if change.kind == "vote" and change.target == "first" and session.frictions:
                change = MemberChange("vote", change.key, target=session.frictions[0].id, step=change.step)
            try:
                apply_member_change(session, TEMPLATE, device, change, name)
            except UserError as error:
                assert error.key in REFUSALS
        codec.validate_session(session)
    for device in ("dev-a", "dev-b", "dev-c"):
        assert sum(d.dots for d in session.device_dots if d.device == device) <= TEMPLATE.dot_budget
    assert len(set(session.applied_keys)) == len(session.applied_keys)
    assert codec.parse_bytes(codec.dumps(session).encode(), "s.json") == session
