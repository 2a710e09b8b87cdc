"""Dialogue events, registrations with waitlist, one-to-one meeting slots and bookings.

Atomic booking: `active` is True while a booking/registration holds its place and NULL once
cancelled. Unique constraints over (slot_id, active) and (event_id, organisation_id, active)
therefore allow any number of cancelled rows but only one live one, on SQLite and PostgreSQL
alike (NULLs never collide in a unique constraint).
"""

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow
from portal.dialogue.models_qa import InfoLogEntry, Question  # noqa: F401  (registers the tables)
from portal.organisations.models import Organisation


class EventKind(enum.StrEnum):
    CONFERENCE = "conference"
    ONE_TO_ONE = "one_to_one"
    BOTH = "both"


class EventFormat(enum.StrEnum):
    PHYSICAL = "physical"
    DIGITAL = "digital"
    HYBRID = "hybrid"


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    INVITED = "invited"


class EventStatus(enum.StrEnum):
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class BookingStatus(enum.StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class MeetingRole(enum.StrEnum):
    ANSWERER = "answerer"
    OBSERVER = "observer"
    MINUTE_TAKER = "minute_taker"


class DocumentKind(enum.StrEnum):
    INVITATION = "invitation"
    SLIDES = "slides"
    MATERIAL = "material"



class DialogueEvent(db.Model):
    __tablename__ = "dialogue_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat))
    visibility: Mapped[Visibility] = mapped_column(str_enum(Visibility), default=Visibility.PUBLIC)
    status: Mapped[EventStatus] = mapped_column(str_enum(EventStatus), default=EventStatus.PUBLISHED, index=True)
    title: Mapped[str] = mapped_column(String(200))
    agenda_md: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    # Shown only to registered participants and the buyer; never in the API.
    meeting_link: Mapped[str] = mapped_column(String(500), default="")
    # Conference time (kinds conference/both); one-to-one meetings have their own slots.
    starts_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    ends_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_deadline_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity_people: Mapped[int | None] = mapped_column(Integer)
    capacity_orgs: Mapped[int | None] = mapped_column(Integer)
    max_per_org: Mapped[int | None] = mapped_column(Integer)
    reminder_hours: Mapped[int] = mapped_column(Integer, default=24)
    summary_md: Mapped[str] = mapped_column(Text, default="")
    summary_published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # iCalendar SEQUENCE
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    need: Mapped["Need"] = relationship()  # noqa: F821
    documents: Mapped[list["EventDocument"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventDocument.id"
    )
    invitations: Mapped[list["EventInvitation"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventInvitation.id"
    )
    registrations: Mapped[list["Registration"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Registration.id"
    )
    windows: Mapped[list["AvailabilityWindow"]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by="(AvailabilityWindow.day, AvailabilityWindow.start_time)",
    )
    slots: Mapped[list["MeetingSlot"]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by="(MeetingSlot.starts_dt, MeetingSlot.room)",
    )

    @property
    def has_conference(self) -> bool:
        return self.kind in (EventKind.CONFERENCE, EventKind.BOTH)

    @property
    def has_meetings(self) -> bool:
        return self.kind in (EventKind.ONE_TO_ONE, EventKind.BOTH)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_digital(self) -> bool:
        return self.format in (EventFormat.DIGITAL, EventFormat.HYBRID)

    @property
    def is_physical(self) -> bool:
        return self.format in (EventFormat.PHYSICAL, EventFormat.HYBRID)

    def is_open(self, now: datetime | None = None) -> bool:
        """Registration, booking and cancellation are possible until the deadline."""
        return not self.is_cancelled and (now or utcnow()) <= self.registration_deadline_dt


class EventDocument(db.Model):
    __tablename__ = "event_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind))
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[DialogueEvent] = relationship(back_populates="documents")


class EventInvitation(db.Model):
    """An invited supplier organisation, or an e-mail address (not necessarily a user yet)."""

    __tablename__ = "event_invitations"
    __table_args__ = (
        UniqueConstraint("event_id", "organisation_id"),
        UniqueConstraint("email", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    email: Mapped[str | None] = mapped_column(String(254))
    source: Mapped[str] = mapped_column(String(16), default="email")  # match / interest / email
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    invited_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[DialogueEvent] = relationship(back_populates="invitations")
    organisation: Mapped[Organisation | None] = relationship()


class Registration(db.Model):
    """A supplier organisation's conference registration (confirmed or on the waitlist)."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "organisation_id", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(str_enum(RegistrationStatus), index=True)
    active: Mapped[bool | None] = mapped_column(Boolean, default=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    promoted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[DialogueEvent] = relationship(back_populates="registrations")
    organisation: Mapped[Organisation] = relationship()
    registered_by: Mapped["User | None"] = relationship()  # noqa: F821
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", order_by="Participant.id"
    )

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class Participant(db.Model):
    __tablename__ = "registration_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    attended: Mapped[bool | None] = mapped_column(Boolean)

    registration: Mapped[Registration] = relationship(back_populates="participants")


class AvailabilityWindow(db.Model):
    """A period in Europe/Oslo wall time that the buyer cuts into equal meeting slots."""

    __tablename__ = "availability_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    break_minutes: Mapped[int] = mapped_column(Integer, default=0)
    rooms: Mapped[int] = mapped_column(Integer, default=1)

    event: Mapped[DialogueEvent] = relationship(back_populates="windows")
    slots: Mapped[list["MeetingSlot"]] = relationship(back_populates="window")


class MeetingSlot(db.Model):
    __tablename__ = "meeting_slots"
    __table_args__ = (UniqueConstraint("event_id", "starts_dt", "room"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("availability_windows.id", ondelete="CASCADE"), index=True)
    starts_dt: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    room: Mapped[int] = mapped_column(Integer, default=1)

    event: Mapped[DialogueEvent] = relationship(back_populates="slots")
    window: Mapped[AvailabilityWindow | None] = relationship(back_populates="slots")
    bookings: Mapped[list["Booking"]] = relationship(back_populates="slot", order_by="Booking.id")

    @property
    def active_booking(self) -> "Booking | None":
        return next((b for b in self.bookings if b.active), None)


class Booking(db.Model):
    """One supplier organisation's one-to-one meeting; at most one live booking per slot and per org."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("slot_id", "active"),
        UniqueConstraint("event_id", "organisation_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("meeting_slots.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dialogue_events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[BookingStatus] = mapped_column(str_enum(BookingStatus), default=BookingStatus.ACTIVE, index=True)
    active: Mapped[bool | None] = mapped_column(Boolean, default=True)
    participants_text: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(Text, default="")
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by_buyer: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    reminder_sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool | None] = mapped_column(Boolean)
    minutes_md: Mapped[str] = mapped_column(Text, default="")

    slot: Mapped[MeetingSlot] = relationship(back_populates="bookings")
    event: Mapped[DialogueEvent] = relationship()
    organisation: Mapped[Organisation] = relationship()
    booked_by: Mapped["User | None"] = relationship()  # noqa: F821
    roles: Mapped[list["MeetingRoleAssignment"]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="MeetingRoleAssignment.id"
    )


class MeetingRoleAssignment(db.Model):
    """A buyer-side person's internal role in one meeting."""

    __tablename__ = "meeting_roles"
    __table_args__ = (UniqueConstraint("booking_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[MeetingRole] = mapped_column(str_enum(MeetingRole))

    booking: Mapped[Booking] = relationship(back_populates="roles")
    user: Mapped["User"] = relationship()  # noqa: F821
