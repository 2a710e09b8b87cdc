"""Tests here log in through the session, so users get one precomputed password hash (argon2 is slow)."""

import functools

import pytest


@functools.cache
def _hash() -> str:
    from portal.auth.passwords import hash_password
    from tests.factories import PASSWORD

    return hash_password(PASSWORD)


@pytest.fixture(autouse=True)
def fast_password_hash(monkeypatch):
    monkeypatch.setattr("tests.factories.hash_password", lambda password: _hash())
