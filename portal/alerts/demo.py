"""Demo: the demo supplier has saved a search for cleaning needs in Vestland (daily digest)."""

from sqlalchemy import func, select

from portal.alerts.models import Frequency, SavedSearch
from portal.auth.models import User
from portal.extensions import db
from portal.organisations.demo import SUPPLIER_EMAIL


def load() -> None:
    user = db.session.scalar(select(User).where(func.lower(User.email) == SUPPLIER_EMAIL))
    if user is None or db.session.scalar(select(SavedSearch.id).where(SavedSearch.user_id == user.id)):
        return
    db.session.add(SavedSearch(user_id=user.id, name="Renhold i Vestland", doc_type="need", query="renhold",
                               filters={"county": ["46"]}, frequency=Frequency.DAILY))
    db.session.flush()
