"""Every .ics the portal hands out, read by ical.js (Thunderbird, web calendars) and by icalendar:
both must land on the instants stored in the database, to the second, in summer and in winter."""

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar

from portal.db import db
from portal.dialogue import booking as bs
from portal.dialogue.models import Booking
from portal.dialogue.registration import register
from tests.dialogue.conftest import add_window, make_user
from tests.factories import make_org

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_instants.js")


def icaljs_reader():
    """A function FILES → {file: {uid: (start, end)}} by ical.js; skip without node (fail in CI)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "ical.js").is_dir():
        reason = "node and node_modules/ical.js are needed (run `npm ci`) to read .ics files as ical.js does"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true)")
        pytest.skip(reason)

    def read(paths: list[Path]) -> dict[str, dict[str, tuple[int, int]]]:
        run = subprocess.run([node, str(SCRIPT), *map(str, paths)], cwd=ROOT, capture_output=True, text=True,
                             timeout=60, check=True)
        return {f: {e["uid"]: (e["start"], e["end"]) for e in events} for f, events in json.loads(run.stdout).items()}

    return read


def icalendar_instants(data: bytes) -> dict[str, tuple[int, int]]:
    """Python icalendar's reading, checked against the file's own VTIMEZONE rules (not just its TZID)."""
    cal = Calendar.from_ical(data)
    own = {str(tz["tzid"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}
    out = {}
    for ev in cal.walk("VEVENT"):
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        for prop, value in (("dtstart", start), ("dtend", end)):
            if tzid := ev[prop].params.get("TZID"):
                by_rules = value.replace(tzinfo=own[tzid])
                assert by_rules.timestamp() == value.timestamp(), (str(ev["uid"]), prop)
        out[str(ev["uid"])] = (int(start.timestamp()), int(end.timestamp()))
    return out


def _book(world, org, slot) -> Booking:
    """A booking made directly (book_slot would refuse dates after the registration deadline)."""
    booking = Booking(slot=slot, event=world.event, organisation_id=org.id, booked_by_id=world.suppliers[0].id)
    db.session.add(booking)
    db.session.commit()
    return booking


def _files(world, client, login) -> dict[str, bytes]:
    """The .ics files of one event with summer and winter times, bookings and a cancellation."""
    world.event.starts_dt = datetime(2030, 6, 14, 7, 30, tzinfo=UTC)  # 09:30 CEST
    world.event.ends_dt = datetime(2030, 6, 14, 12, tzinfo=UTC)
    db.session.commit()
    # Summer, winter, just after the spring gap, and across the repeated autumn hour.
    for day, start, end in ((date(2030, 6, 14), time(11), time(12)), (date(2030, 1, 15), time(11), time(12)),
                            (date(2030, 3, 31), time(3), time(4)), (date(2030, 10, 27), time(1), time(4))):
        add_window(world, day=day, start=start, end=end, slot=45, brk=15)
    slots = sorted(world.event.slots, key=lambda s: s.starts_dt)
    winter, spring, *autumn, summer = slots[0], slots[1], *slots[3:], slots[2]
    assert [s.starts_dt.month for s in slots] == [1, 3, 6, 10, 10, 10, 10]
    others = [*world.orgs[1:], *(make_org(name=f"Firma {i} AS", kind="bedrift") for i in range(4, 7))]
    for org, slot in zip(others, [spring, *autumn], strict=True):
        _book(world, org, slot)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    mine = _book(world, world.orgs[0], summer)
    login(client, world.suppliers[0], world.orgs[0])
    get = client.get
    files = {"summer_booking": get(f"/arrangementer/{world.event.id}/mote.ics").data,
             "conference": get(f"/arrangementer/{world.event.id}/pamelding.ics").data}
    bs.buyer_cancel_booking(world.buyer, mine, "Flyttet til januar")
    db.session.commit()
    files["cancel"] = get(f"/arrangementer/{world.event.id}/mote.ics").data
    _book(world, world.orgs[0], winter)
    files["winter_booking"] = get(f"/arrangementer/{world.event.id}/mote.ics").data
    anon = client.application.test_client()
    for name, user, token in (("supplier_feed", world.suppliers[0], "s"), ("buyer_feed", world.buyer, "b"),
                              ("empty_feed", make_user("ny@firma.no"), "n")):
        user.calendar_token = token * 43
        db.session.commit()
        files[name] = anon.get(f"/kalender/{token * 43}.ics").data
    return files


def _stored(world) -> dict[str, tuple[datetime, datetime]]:
    """UID → (start, end) as stored in the database: the truth every reader must find."""
    db.session.expire_all()
    event = world.event
    stored = {f"booking-{b.id}@moteplassen.no": (b.slot.starts_dt, b.slot.ends_dt) for s in event.slots for b in s.bookings}
    stored[f"event-{event.id}@moteplassen.no"] = (event.starts_dt, event.ends_dt)
    return stored | {f"registration-{r.id}@moteplassen.no": (event.starts_dt, event.ends_dt) for r in event.registrations}


def test_every_calendar_file_reads_the_same_in_icaljs_and_icalendar(world, client, login, tmp_path):
    read_icaljs = icaljs_reader()
    files = _files(world, client, login)
    paths = []
    for name, data in files.items():
        assert data.startswith(b"BEGIN:VCALENDAR"), name
        (path := tmp_path / f"{name}.ics").write_bytes(data)
        paths.append(path)
    by_icaljs = read_icaljs(paths)

    expected = {uid: (int(a.timestamp()), int(b.timestamp())) for uid, (a, b) in _stored(world).items()}
    for path in paths:
        by_python = icalendar_instants(path.read_bytes())
        assert by_icaljs[str(path)] == by_python, path.name
        assert by_python == {uid: expected[uid] for uid in by_python}, path.name
    counts = {p.stem: len(by_icaljs[str(p)]) for p in paths}
    assert counts == {"summer_booking": 1, "conference": 1, "cancel": 1, "winter_booking": 1,
                      "supplier_feed": 3, "buyer_feed": 8, "empty_feed": 0}
    summer = int(datetime(2030, 6, 14, 9, tzinfo=UTC).timestamp())  # 11:00 in Oslo (CEST)
    winter = int(datetime(2030, 1, 15, 10, tzinfo=UTC).timestamp())  # 11:00 in Oslo (CET)
    assert list(by_icaljs[str(tmp_path / "summer_booking.ics")].values()) == [(summer, summer + 45 * 60)]
    assert list(by_icaljs[str(tmp_path / "winter_booking.ics")].values()) == [(winter, winter + 45 * 60)]


KHAL_CONFIG = """[calendars]
[[moteplassen]]
path = {dir}/cal
type = calendar
[locale]
local_timezone = Europe/Oslo
default_timezone = Europe/Oslo
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M%z
longdatetimeformat = %Y-%m-%dT%H:%M%z
[sqlite]
path = {dir}/khal.db
"""


def test_khal_imports_the_meetings_at_their_oslo_times(world, client, login, tmp_path):
    """What a desktop user sees: khal (optional here, `apt-get install khal`) shows each time with its offset."""
    khal = shutil.which("khal")
    if khal is None:
        pytest.skip("khal is not installed (optional: apt-get install khal)")
    files = _files(world, client, login)
    (tmp_path / "cal").mkdir()
    (config := tmp_path / "config").write_text(KHAL_CONFIG.format(dir=tmp_path))
    for name in ("buyer_feed", "conference"):
        (path := tmp_path / f"{name}.ics").write_bytes(files[name])
        subprocess.run([khal, "-c", str(config), "import", "--batch", "-a", "moteplassen", str(path)],
                       check=True, capture_output=True, timeout=60)
    shown = subprocess.run([khal, "-c", str(config), "list", "--format", "{uid} {start} {end}", "--day-format", "",
                            "2030-01-01", "2030-12-31"], check=True, capture_output=True, text=True, timeout=60)
    seen = {uid: (datetime.strptime(a, "%Y-%m-%dT%H:%M%z"), datetime.strptime(b, "%Y-%m-%dT%H:%M%z"))
            for uid, a, b in (line.split() for line in shown.stdout.splitlines() if line.strip())}
    assert seen == _stored(world)
    autumn = sorted(start.strftime("%H:%M%z") for start, _end in seen.values() if start.month == 10)
    assert autumn == ["01:00+0200", "02:00+0100", "02:00+0200", "03:00+0100"]
