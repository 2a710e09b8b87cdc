import pytest
from flask import g


@pytest.fixture
def req(app):
    """A request context, for services that build links and translate messages.

    Mail queued by a service here is never committed; forget it so the app context's
    teardown does not try to send it after the test database is gone.
    """
    with app.test_request_context():
        yield
        g.pop("mail_queued", None)
