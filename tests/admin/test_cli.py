"""`flask users create-admin` and the demo data."""

from sqlalchemy import func, select

from portal.auth.models import User
from portal.auth.passwords import verify_password
from portal.extensions import db
from portal.organisations import demo
from portal.organisations.models import Organisation, VerificationStatus
from tests.factories import make_user


def _user(email):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_create_admin_with_password(runner):
    result = runner.invoke(args=["users", "create-admin", "Root@Moteplassen.no", "--password", "lang-nok-passord",
                                 "--name", "Rot Admin"])
    assert result.exit_code == 0, result.output
    user = _user("root@moteplassen.no")
    assert user.is_platform_admin and user.is_confirmed and user.name == "Rot Admin"
    assert verify_password(user.password_hash, "lang-nok-passord")


def test_create_admin_prompts_for_hidden_password(runner):
    result = runner.invoke(args=["users", "create-admin", "root@moteplassen.no"],
                           input="lang-nok-passord\nlang-nok-passord\n")
    assert result.exit_code == 0, result.output
    assert "lang-nok-passord" not in result.output  # hidden input
    assert verify_password(_user("root@moteplassen.no").password_hash, "lang-nok-passord")


def test_create_admin_prompt_requires_matching_confirmation(runner):
    result = runner.invoke(args=["users", "create-admin", "root@moteplassen.no"],
                           input="lang-nok-passord\nannet-passord!\nlang-nok-passord\nlang-nok-passord\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower() or "ikke" in result.output.lower()


def test_create_admin_refuses_short_password(runner):
    result = runner.invoke(args=["users", "create-admin", "root@moteplassen.no", "--password", "kort"])
    assert result.exit_code != 0 and "10" in result.output
    assert _user("root@moteplassen.no") is None
    result = runner.invoke(args=["users", "create-admin", "root@moteplassen.no"], input="kort\nkort\n")
    assert result.exit_code != 0 and _user("root@moteplassen.no") is None


def test_create_admin_promotes_existing_user(runner):
    make_user(email="kari@example.no", confirmed=False)
    db.session.commit()
    result = runner.invoke(args=["users", "create-admin", "kari@example.no"])
    assert result.exit_code == 0, result.output
    user = _user("kari@example.no")
    assert user.is_platform_admin and user.is_confirmed
    assert verify_password(user.password_hash, "riktig-hest-batteri")  # password kept


def test_demo_load(app, client, capsys):
    demo.load()  # only this domain's part (`flask demo load` also loads needs, suppliers, ...)
    db.session.commit()
    output = capsys.readouterr().out
    assert "moteplassen-demo" in output
    for email in ("admin@moteplassen.no", "innkjoper@demo-kommune.no", "leverandor@demo-leverandor.no"):
        assert email in output
        assert verify_password(_user(email).password_hash, "moteplassen-demo")
    assert _user("admin@moteplassen.no").is_platform_admin
    buyer = db.session.scalar(select(Organisation).where(Organisation.name == "Demo kommune"))
    assert buyer.is_buyer and buyer.verification == VerificationStatus.VERIFIED
    assert [m.user.email for m in buyer.memberships if m.is_admin] == ["innkjoper@demo-kommune.no"]
    supplier = _user("leverandor@demo-leverandor.no").memberships[0].organisation
    assert not supplier.is_buyer and supplier.is_verified
    # The demo users can log in with the printed password.
    resp = client.post("/logg-inn", data={"email": "innkjoper@demo-kommune.no", "password": "moteplassen-demo"})
    assert resp.status_code == 302
    # Loading again (e.g. after `flask users create-admin admin@...`) creates no duplicates.
    demo.load()
    db.session.commit()
    assert db.session.scalar(select(func.count(User.id))) == 3
    assert db.session.scalar(select(func.count(Organisation.id))) == 2
