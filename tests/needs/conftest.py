import pytest
from flask_babel import force_locale


@pytest.fixture(autouse=True)
def bokmal(request):
    """Services and CLI code run outside requests: pin the language as commands do."""
    if "app" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app")
    with force_locale("nb"):
        yield
