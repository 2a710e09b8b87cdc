"""Cut availability windows (Europe/Oslo wall time) into equal meeting slots stored in UTC."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class SlotTime:
    starts_dt: datetime  # aware UTC
    ends_dt: datetime
    room: int


def wall_to_utc(day: date, at: time) -> datetime:
    """Europe/Oslo wall time on `day` as aware UTC (an ambiguous autumn hour means the first)."""
    return datetime.combine(day, at, tzinfo=OSLO).astimezone(UTC)


def wall_time_problem(day: date, at: time) -> Literal["missing", "ambiguous"] | None:
    """Why `at` on `day` names no single Oslo instant: skipped in spring, or repeated in autumn.

    zoneinfo gives the two readings of a wall time (fold 0 and 1) different offsets only on
    a clock-change night: summer time first (fold 0) when the hour is repeated, after when skipped.
    """
    first, second = (datetime.combine(day, at, tzinfo=OSLO).replace(fold=f).utcoffset() for f in (0, 1))
    if first == second:
        return None
    return "ambiguous" if first > second else "missing"


def generate_slots(day: date, start: time, end: time, slot_minutes: int, break_minutes: int = 0,
                   rooms: int = 1) -> list[SlotTime]:
    """Equal slots of `slot_minutes` with `break_minutes` between them, once per room.

    The window's ends are read as Oslo wall time and converted to UTC; the slots are then laid
    out in real elapsed time, so every meeting really lasts `slot_minutes` even on the night
    the clocks change (a window across 02:00 on a DST day simply has one hour more or less).
    """
    if slot_minutes <= 0 or break_minutes < 0 or rooms < 1:
        raise ValueError("slot length must be positive, break non-negative, rooms at least 1")
    begin, finish = wall_to_utc(day, start), wall_to_utc(day, end)
    length, step = timedelta(minutes=slot_minutes), timedelta(minutes=slot_minutes + break_minutes)
    out: list[SlotTime] = []
    cursor = begin
    while cursor + length <= finish:
        out.extend(SlotTime(cursor, cursor + length, room) for room in range(1, rooms + 1))
        cursor += step
    return out


def to_oslo(value: datetime) -> datetime:
    return value.astimezone(OSLO)
