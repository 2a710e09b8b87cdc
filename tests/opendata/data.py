"""Small hand-made data for the open-data tests (needs, events, supplier engagement)."""

from datetime import UTC, datetime, timedelta

from portal.dialogue.models import DialogueEvent, EventFormat, EventKind, EventStatus, Visibility
from portal.extensions import db
from portal.needs.models import Need, NeedChange, NeedCoBuyer, NeedCpv, NeedKind, NeedPlace, NeedStatus


def dt(y, m, d, h=12):
    return datetime(y, m, d, h, tzinfo=UTC)


def make_need(org, title="Rengjøring av skoler", status=NeedStatus.PUBLISHED, kind=NeedKind.NEED,
              cpvs=("90910000",), published=None, places=(), **fields):
    need = Need(organisation=org, title=title, status=status, kind=kind,
                summary=fields.pop("summary", "Kort om behovet"),
                problem_md=fields.pop("problem_md", "Vi trenger **renere** skoler."), **fields)
    need.cpvs = [NeedCpv(code=c, is_main=(i == 0)) for i, c in enumerate(cpvs)]
    need.places = [NeedPlace(county=p[:2], municipality=p if len(p) == 4 else None) for p in places]
    if status != NeedStatus.DRAFT:
        need.published_dt = published or dt(2025, 3, 1)
        need.status_changed_dt = need.published_dt
    db.session.add(need)
    db.session.flush()
    return need


def announce(need, when):
    """Record the move to «announced» as the needs service does (status + history row)."""
    need.changes.append(NeedChange(field="status", old=str(need.status.value), new="announced", changed_dt=when))
    need.status, need.status_changed_dt, need.doffin_reference = NeedStatus.ANNOUNCED, when, "2025-123456"
    db.session.flush()


def make_event(need, title="Leverandørkonferanse", starts=None, visibility=Visibility.PUBLIC,
               status=EventStatus.PUBLISHED, kind=EventKind.CONFERENCE):
    starts = starts or dt(2025, 4, 1, 9)
    event = DialogueEvent(need=need, kind=kind, format=EventFormat.DIGITAL, visibility=visibility,
                          status=status, title=title, agenda_md="Presentasjon av behovet.",
                          starts_dt=starts, ends_dt=starts + timedelta(hours=2),
                          registration_deadline_dt=starts - timedelta(days=1))
    db.session.add(event)
    db.session.flush()
    return event


def add_co_buyer(need, org, confirmed=True):
    need.co_buyers.append(NeedCoBuyer(organisation=org, confirmed_dt=dt(2025, 3, 2) if confirmed else None))
    db.session.flush()


def assert_valid(validator, body):
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


class Clock:
    """A clock for the services: set per step; every reading is one microsecond later, as real time is."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(microseconds=1)
        return self.now
