"""Slot generation: breaks, parallel rooms, and days when the clocks change in Oslo."""

from datetime import UTC, date, datetime, time

import pytest

from portal.dialogue.slots import OSLO, generate_slots, wall_time_problem


def oslo(slot):
    return slot.starts_dt.astimezone(OSLO).strftime("%H:%M")


def test_slots_with_breaks_fit_inside_the_window():
    slots = generate_slots(date(2026, 6, 10), time(9), time(12), 45, 15)
    assert [oslo(s) for s in slots] == ["09:00", "10:00", "11:00"]
    assert all((s.ends_dt - s.starts_dt).total_seconds() == 45 * 60 for s in slots)
    assert slots[0].starts_dt == datetime(2026, 6, 10, 7, 0, tzinfo=UTC)  # CEST = UTC+2


def test_a_slot_that_does_not_fit_is_left_out():
    slots = generate_slots(date(2026, 6, 10), time(9), time(11, 30), 45, 15)
    assert [oslo(s) for s in slots] == ["09:00", "10:00"]


def test_parallel_rooms_give_one_slot_per_room_at_each_time():
    slots = generate_slots(date(2026, 6, 10), time(9), time(10, 30), 30, 0, rooms=3)
    assert len(slots) == 9
    assert {(oslo(s), s.room) for s in slots} == {(t, r) for t in ("09:00", "09:30", "10:00") for r in (1, 2, 3)}


def test_autumn_dst_day_uses_winter_offset():
    slots = generate_slots(date(2026, 10, 25), time(9), time(11), 45, 15)
    assert [oslo(s) for s in slots] == ["09:00", "10:00"]
    assert slots[0].starts_dt == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # CET = UTC+1 after 03:00
    day_before = generate_slots(date(2026, 10, 24), time(9), time(10), 45)
    assert day_before[0].starts_dt == datetime(2026, 10, 24, 7, 0, tzinfo=UTC)


def test_spring_dst_day_uses_summer_offset():
    slots = generate_slots(date(2026, 3, 29), time(9), time(10), 60)
    assert slots[0].starts_dt == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert generate_slots(date(2026, 3, 28), time(9), time(10), 60)[0].starts_dt == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)


def test_window_across_the_spring_gap_keeps_meetings_a_real_hour_long():
    slots = generate_slots(date(2026, 3, 29), time(0), time(5), 60)
    # 00:00 CET to 05:00 CEST is four real hours: 00, 01, then 03 (02:00 does not exist), 04.
    assert [oslo(s) for s in slots] == ["00:00", "01:00", "03:00", "04:00"]
    assert all((s.ends_dt - s.starts_dt).total_seconds() == 3600 for s in slots)


def test_window_across_the_autumn_change_has_an_extra_hour():
    slots = generate_slots(date(2026, 10, 25), time(1), time(4), 60)
    assert len(slots) == 4  # 01:00 CEST … 04:00 CET is four real hours
    assert [oslo(s) for s in slots] == ["01:00", "02:00", "02:00", "03:00"]
    assert len({s.starts_dt for s in slots}) == 4


@pytest.mark.parametrize(("day", "at", "problem"), [
    (date(2026, 3, 29), time(2, 0), "missing"), (date(2026, 3, 29), time(2, 30), "missing"),
    (date(2026, 3, 29), time(3, 0), None), (date(2026, 3, 29), time(1, 59), None),
    (date(2026, 10, 25), time(2, 0), "ambiguous"), (date(2026, 10, 25), time(2, 59), "ambiguous"),
    (date(2026, 10, 25), time(3, 0), None), (date(2026, 10, 25), time(1, 59), None),
    (date(2026, 6, 14), time(2, 30), None),
])
def test_skipped_and_repeated_wall_times_are_detected(day, at, problem):
    assert wall_time_problem(day, at) == problem


@pytest.mark.parametrize("args", [(0, 0, 1), (30, -5, 1), (30, 0, 0)])
def test_invalid_parameters_are_refused(args):
    with pytest.raises(ValueError):
        generate_slots(date(2026, 6, 10), time(9), time(10), *args)
