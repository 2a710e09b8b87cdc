"""`flask alerts send`: record new matches once per user and object, mail them now or in a daily digest.

Idempotent: a delivery row is unique per (user, doc_type, object) and is written in the same
transaction as the mail that tells it, so a second run (or a parallel one) never tells it again.
Daily digest: the first run at or after ALERTS_DIGEST_HOUR (default 7) Europe/Oslo time sends each
user one mail with every daily match found since their last digest; AlertDigest is unique per
(user, Oslo day), so there is at most one digest per user per calendar day.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from portal.alerts import finder
from portal.alerts.models import AlertDelivery, AlertDigest, Frequency, SavedSearch
from portal.alerts.permissions import can_mail, search_is_active
from portal.auth.models import User
from portal.auth.services import external_url
from portal.db import db, utcnow
from portal.notifications.services import queue_mail

log = logging.getLogger(__name__)
OSLO = ZoneInfo("Europe/Oslo")
RANK = {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.PORTAL: 2}


@dataclass
class Stats:
    found: int = 0
    mails: int = 0
    digests: int = 0
    failed: int = 0


def item(doc_type: str, obj) -> dict:
    """What a mail or page shows of a need or a supplier profile."""
    if doc_type == "need":
        return {"title": obj.title, "org": obj.organisation.name,
                "url": external_url("needs.detail", need_id=obj.id)}
    return {"title": obj.organisation.name, "org": "",
            "url": external_url("suppliers.profile", profile_id=obj.id)}


def _load(doc_type: str, ids) -> dict:
    objs = finder.public_needs(ids) if doc_type == "need" else finder.public_profiles(ids)
    return {o.id: o for o in objs}


def _groups(deliveries) -> list[dict]:
    """Deliveries grouped by saved search, with what to show (objects no longer public are left out)."""
    by_type: dict[str, set] = {}
    for d in deliveries:
        by_type.setdefault(d.doc_type, set()).add(d.object_id)
    objs = {t: _load(t, ids) for t, ids in by_type.items()}
    groups: dict[int, dict] = {}
    for d in deliveries:
        obj = objs[d.doc_type].get(d.object_id)
        if obj is None or d.saved_search is None:
            continue
        g = groups.setdefault(d.saved_search_id, {"name": d.saved_search.name, "items": [],
                                                   "url": external_url("alerts.detail", search_id=d.saved_search_id)})
        g["items"].append(item(d.doc_type, obj))
    return list(groups.values())


def _mail(user: User, groups: list[dict], digest: bool):
    count = sum(len(g["items"]) for g in groups)
    if digest:
        subject = _l("Dagens nye treff på lagrede søk (%(n)d)", n=count)
    elif count == 1:
        subject = _l("Nytt treff: %(title)s", title=groups[0]["items"][0]["title"][:120])
    else:
        subject = _l("%(n)d nye treff på lagrede søk", n=count)
    return queue_mail(user.email, "alerts_matches", user.locale, subject, user=user, groups=groups,
                      digest=digest, count=count, manage_url=external_url("alerts.index"))


def _collect(user: User, now: datetime, stats: Stats) -> dict:
    """(doc_type, pk) → the saved search with the most urgent frequency that found it."""
    found: dict[tuple[str, int], SavedSearch] = {}
    for search in db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                     .order_by(SavedSearch.id)):
        if not search_is_active(search):
            continue
        try:
            objs = finder.new_matches(search, now)
        except Exception:  # the index may be missing or locked: try again next run
            log.exception("alerts: saved search %s failed", search.id)
            stats.failed += 1
            continue
        search.checked_dt = now
        for obj in objs:
            key = (search.doc_type, obj.id)
            if key not in found or RANK[search.frequency] < RANK[found[key].frequency]:
                found[key] = search
    return found


def _told(user: User, keys) -> set[tuple[str, int]]:
    out = set()
    for doc_type in {t for t, _ in keys}:
        ids = sorted(pk for t, pk in keys if t == doc_type)
        out |= {(doc_type, pk) for pk in db.session.scalars(select(AlertDelivery.object_id).where(
            AlertDelivery.user_id == user.id, AlertDelivery.doc_type == doc_type,
            AlertDelivery.object_id.in_(ids)))}
    return out


def _process_user(user: User, now: datetime, stats: Stats) -> None:
    found = _collect(user, now, stats)
    if found:
        told = _told(user, found)
        created = []
        for (doc_type, pk), search in sorted(found.items(), key=lambda kv: (kv[1].id, kv[0])):
            if (doc_type, pk) in told:
                continue
            delivery = AlertDelivery(user_id=user.id, saved_search=search, doc_type=doc_type, object_id=pk,
                                     frequency=search.frequency, created_dt=now)
            try:
                with db.session.begin_nested():
                    db.session.add(delivery)
            except IntegrityError:  # a parallel run told it first
                continue
            created.append(delivery)
        stats.found += len(created)
        immediate = [d for d in created if d.frequency == Frequency.IMMEDIATE]
        if immediate and can_mail(user):
            groups = _groups(immediate)
            if groups:
                mail = _mail(user, groups, digest=False)
                db.session.flush()
                for d in immediate:
                    d.mail_id = mail.id
                stats.mails += 1
    db.session.commit()


def _send_digests(now: datetime, stats: Stats) -> None:
    local = now.astimezone(OSLO)
    if local.hour < current_app.config["ALERTS_DIGEST_HOUR"]:
        return
    due = (select(AlertDelivery).join(SavedSearch, SavedSearch.id == AlertDelivery.saved_search_id)
           .where(AlertDelivery.frequency == Frequency.DAILY, AlertDelivery.digest_id.is_(None),
                  SavedSearch.frequency == Frequency.DAILY))
    user_ids = db.session.scalars(due.with_only_columns(AlertDelivery.user_id).distinct()
                                  .order_by(AlertDelivery.user_id)).all()
    for user_id in user_ids:  # each user's deliveries loaded after the previous commit: no reload per row
        user = db.session.get(User, user_id)
        if user is None or not can_mail(user):
            continue
        deliveries = db.session.scalars(due.where(AlertDelivery.user_id == user_id)
                                        .options(contains_eager(AlertDelivery.saved_search))
                                        .order_by(AlertDelivery.id)).all()
        digest = AlertDigest(user_id=user_id, day=local.date(), sent_dt=now)
        try:
            with db.session.begin_nested():
                db.session.add(digest)
        except IntegrityError:  # today's digest has gone out already; these wait for tomorrow's
            continue
        groups = _groups(deliveries)
        if groups:
            mail = _mail(user, groups, digest=True)
            db.session.flush()
            digest.mail_id = mail.id
            stats.digests += 1
        for d in deliveries:
            d.digest_id, d.mail_id = digest.id, digest.mail_id
        db.session.commit()


def send_alerts(now: datetime | None = None) -> Stats:
    """Look for new matches of every saved search, tell each user once; then the due daily digests.

    `now` is the clock of the digest schedule only (tests); searching always uses the real time.
    """
    stats = Stats()
    user_ids = db.session.scalars(select(SavedSearch.user_id).distinct().order_by(SavedSearch.user_id)).all()
    for user_id in user_ids:
        user = db.session.get(User, user_id)
        if user is None or not user.is_active:
            continue
        try:
            _process_user(user, utcnow(), stats)
        except Exception:
            db.session.rollback()
            log.exception("alerts: user %s failed", user_id)
            stats.failed += 1
    _send_digests(now or utcnow(), stats)
    return stats

