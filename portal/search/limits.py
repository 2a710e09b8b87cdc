"""What one search may cost: a per-process search slot and a time budget per query.

The process keeps one Whoosh searcher (index.searcher()); its segment files are read with seek + read,
so two threads must not use it at once. Every backend read holds the slot (re-entrant, so a view can take
it first with a short wait and answer «busy» instead of queueing). Pure-Python searching holds the GIL:
a second concurrent search in the same process would not finish sooner, only slow the other pages.

The time budget is opt-in (the views set it, alerts and matching do not): the query evaluation calls
check() between steps and stops with TooSlow once the deadline has passed; the backend then returns
what it has found so far (Results.truncated).
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

LONG_WAIT = 30.0  # callers without a wait of their own (matching, alerts) queue this long at most
MAX_WAITING = 6  # searches of a view queued for the slot; more are told «busy» at once, freeing their threads

_slot = threading.RLock()
_queue = threading.Semaphore(MAX_WAITING)  # places in the queue of views waiting for the slot
_deadline: ContextVar[float | None] = ContextVar("search_deadline", default=None)
_budget: ContextVar[float | None] = ContextVar("search_budget", default=None)
GRACE_SHARE = 0.5  # of the budget, for ranking the hits once finding them used it up

_now = time.monotonic  # the clock of the budget (tests move it)
P = ParamSpec("P")
R = TypeVar("R")


class SearchBusy(RuntimeError):
    """No search slot came free within the wait: the caller answers «busy, try again»."""


class TooSlow(RuntimeError):
    """The query's time budget is spent."""


@contextmanager
def slot(wait: float = LONG_WAIT, queue: bool = False) -> Iterator[None]:
    """Hold this process's search slot, waiting at most `wait` seconds for it (SearchBusy otherwise).

    `queue`: wait only if fewer than MAX_WAITING others (with `queue`) are waiting, else SearchBusy at once.
    """
    if not _acquire(wait, queue):
        raise SearchBusy
    try:
        yield
    finally:
        _slot.release()


def _acquire(wait: float, queue: bool) -> bool:
    if _slot.acquire(blocking=False):
        return True
    if not queue:
        return _slot.acquire(timeout=wait)
    if not _queue.acquire(blocking=False):
        return False
    try:
        return _slot.acquire(timeout=wait)
    finally:
        _queue.release()


def exclusive(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` holding the search slot."""
    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with slot():
            return fn(*args, **kwargs)
    return wrapper


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Searches inside the block stop after `seconds` (None or 0: no limit)."""
    token = _deadline.set(_now() + seconds if seconds else None)
    budget = _budget.set(seconds or None)
    try:
        yield
    finally:
        _deadline.reset(token)
        _budget.reset(budget)


@contextmanager
def grace() -> Iterator[None]:
    """At least GRACE_SHARE of the budget more for the block (ranking and highlighting what was found)."""
    seconds, deadline = _budget.get(), _deadline.get()
    if seconds is None or deadline is None:
        yield
        return
    token = _deadline.set(max(deadline, _now() + seconds * GRACE_SHARE))
    try:
        yield
    finally:
        _deadline.reset(token)


def exceeded() -> bool:
    deadline = _deadline.get()
    return deadline is not None and _now() > deadline


def check() -> None:
    """Raise TooSlow when the current time budget is spent."""
    if exceeded():
        raise TooSlow
