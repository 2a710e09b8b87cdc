"""Configuration: the development secret key is shared by every worker and survives a restart."""

import stat

import pytest

from portal import create_app
from portal.config import ConfigError, load_config


def _key(monkeypatch, instance, secret=None):
    monkeypatch.setenv("PORTAL_INSTANCE_DIR", str(instance))
    if secret:
        monkeypatch.setenv("PORTAL_SECRET_KEY", secret)
    else:
        monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'x.db'}"}).config["SECRET_KEY"]


def test_development_key_is_made_once_and_shared(tmp_path, monkeypatch):
    first, second = _key(monkeypatch, tmp_path / "i"), _key(monkeypatch, tmp_path / "i")  # two workers / a restart
    assert first == second and len(first) == 64
    assert stat.S_IMODE((tmp_path / "i" / "secret_key").stat().st_mode) == 0o600
    assert _key(monkeypatch, tmp_path / "other") != first


def test_a_configured_key_wins_and_production_requires_one(tmp_path, monkeypatch):
    assert _key(monkeypatch, tmp_path, "from-env") == "from-env"
    assert not (tmp_path / "secret_key").exists()
    with pytest.raises(ConfigError):
        load_config({"PORTAL_INSTANCE_DIR": str(tmp_path), "PORTAL_ENV": "production"})
