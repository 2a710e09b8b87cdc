"""Gate: 200 concurrent attempts to book the same slot → exactly 1 success and 0 server errors.

200 supplier users, each in its own supplier organisation, are created directly in the gate database,
log in over HTTP (one cookie jar each), fetch the booking page for a CSRF token, wait at a barrier and
then POST the same slot at once to gunicorn (4 workers, PostgreSQL).
"""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

from argon2 import PasswordHasher
from sqlalchemy import select

from portal import create_app
from portal.config import load_config
from portal.extensions import db

N = 200
SLOT_TAKEN = "Tidspunktet ble nettopp booket av noen andre"
BOOKED = "Møtet er booket"
CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="csrf_token"')


def gate_app(deployment):
    """The portal app in this process, on the gate's database and instance directory."""
    cfg = load_config(deployment.env)
    return create_app({**cfg, "SQLALCHEMY_DATABASE_URI": deployment.db_url})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """One user's cookie jar; redirects are not followed (the caller sees 302/303 and Location)."""

    def __init__(self, base_url: str):
        self.base = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def request(self, path: str, data: dict | None = None, timeout: float = 60) -> tuple[int, dict, str]:
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=timeout) as resp:
                return resp.status, dict(resp.headers), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            with err:
                return err.code, dict(err.headers), err.read().decode("utf-8", "replace")

    def csrf(self, path: str) -> str:
        status, _h, html = self.request(path)
        assert status == 200, (path, status)
        m = CSRF_RE.search(html)
        assert m, f"no csrf_token on {path}"
        return m.group(1) or m.group(2)


def _create_suppliers(deployment, tag: str):
    from portal.dialogue.models import Booking, DialogueEvent, MeetingSlot
    from portal.organisations.models import OrgKind
    from tests.factories import PASSWORD, make_org, make_user

    # The gate is about booking, not login: a cheap argon2id hash (verification uses the parameters stored
    # in the hash) keeps 200 logins on 4 workers from taking a minute. Hashed once, reused for every user.
    cheap_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    app = gate_app(deployment)
    with app.app_context():
        event = db.session.scalar(select(DialogueEvent).where(DialogueEvent.title.like("Dialogkonferanse:%"))
                                  .order_by(DialogueEvent.id))
        assert event is not None, "the demo dialogue event is missing"
        taken = select(Booking.slot_id).where(Booking.active.is_(True))
        slot = db.session.scalar(select(MeetingSlot).where(MeetingSlot.event_id == event.id,
                                                           MeetingSlot.id.not_in(taken))
                                 .order_by(MeetingSlot.starts_dt, MeetingSlot.room))
        assert slot is not None, "the demo event has no free slot"
        emails = []
        for i in range(N):
            user = make_user(email=f"race-{tag}-{i}@example.no", name=f"Racer {i}")
            user.password_hash = cheap_hash
            make_org(name=f"Kappløp {tag} {i} AS", kind=OrgKind.BEDRIFT, admins=[user])
            emails.append(user.email)
        db.session.commit()
        ids = (event.id, slot.id)
        db.engine.dispose()
    return ids, emails, PASSWORD


def _active_bookings(deployment, slot_id: int) -> list[tuple[int, int]]:
    from portal.dialogue.models import Booking

    app = gate_app(deployment)
    with app.app_context():
        rows = db.session.execute(select(Booking.id, Booking.organisation_id)
                                  .where(Booking.slot_id == slot_id, Booking.active.is_(True))).all()
        db.engine.dispose()
    return [tuple(r) for r in rows]


def test_booking_race(deployment):
    tag = uuid.uuid4().hex[:6]
    t0 = time.monotonic()
    (event_id, slot_id), emails, password = _create_suppliers(deployment, tag)
    slots_path = f"/arrangementer/{event_id}/moter"
    book_path = f"/arrangementer/{event_id}/moter/{slot_id}/book"

    def prepare(email: str):
        b = Browser(deployment.base_url)
        token = b.csrf("/logg-inn")
        status, headers, _html = b.request("/logg-inn", {"csrf_token": token, "email": email, "password": password})
        assert status == 302, (email, status)
        status, _h, html = b.request(slots_path)
        assert status == 200, (email, status)
        assert book_path in html, "the slot is not offered on the booking page"
        m = CSRF_RE.search(html)
        return b, m.group(1) or m.group(2)

    with ThreadPoolExecutor(16) as pool:
        browsers = list(pool.map(prepare, emails))
    t_ready = time.monotonic()

    barrier = threading.Barrier(N)
    results: list = [None] * N

    def fire(i: int):
        b, token = browsers[i]
        barrier.wait()
        start = time.monotonic()
        try:
            status, headers, body = b.request(book_path, {"csrf_token": token, "participants_text": f"Racer {i}",
                                                          "topic": "Kappløp"})
            results[i] = (status, headers.get("Location", ""), body, time.monotonic() - start)
        except Exception as exc:  # noqa: BLE001 - a connection failure is a result to count
            results[i] = ("error", repr(exc), "", time.monotonic() - start)

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    t_fired = time.monotonic()

    statuses: dict = {}
    for r in results:
        statuses[r[0]] = statuses.get(r[0], 0) + 1
    server_errors = [r for r in results if r[0] == "error" or (isinstance(r[0], int) and r[0] >= 500)]

    # Follow each redirect with the same user's cookies: the flash message is on the next page.
    def outcome(i: int) -> str:
        status, location = results[i][0], results[i][1]
        if status not in (302, 303) or not location:
            return f"status {status}"
        st, _h, html = browsers[i][0].request(location)
        if st != 200:
            return f"redirect target {st}"
        if BOOKED in html:
            return "booked"
        if SLOT_TAKEN in html:
            return "slot taken"
        return "other message"

    with ThreadPoolExecutor(16) as pool:
        outcomes = list(pool.map(outcome, range(N)))
    counts = {k: outcomes.count(k) for k in sorted(set(outcomes))}
    active = _active_bookings(deployment, slot_id)
    slowest = max(r[3] for r in results)

    print(f"\nBOOKING RACE: {N} users, slot {slot_id}; setup {t_ready - t0:.1f} s, burst {t_fired - t_ready:.1f} s "
          f"(slowest response {slowest:.2f} s); POST statuses {statuses}; outcomes {counts}; "
          f"active bookings for the slot: {len(active)}")

    assert not server_errors, server_errors[:5]
    assert len(active) == 1, active
    assert counts.get("booked") == 1, counts
    assert counts.get("slot taken") == N - 1, counts
