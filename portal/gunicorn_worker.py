"""gunicorn's gthread worker without two ways a few idle clients tie up its threads (docs/SECURITY.md).

1. gthread hands a new connection to a pool thread at once, which then waits up to 5 s for the first
   byte: a client opening as many idle connections as there are threads stops the worker for 5 s, again
   and again. Here a new connection waits for its first byte in the worker's poller (no thread), as a
   kept-alive one does, and is closed after `keepalive` seconds without one.
2. Once a request has begun, gthread reads it with blocking reads without a timeout: a client that sends
   half a header and stops keeps the thread forever. Here every blocking read or write of a client socket
   gives up after IO_TIMEOUT seconds (SO_RCVTIMEO/SO_SNDTIMEO) and the connection is closed as if the client
   had left.

Behind a buffering proxy (nginx, README) neither happens: gunicorn then only sees whole requests.
"""

import errno
import selectors
import socket
import struct
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

IO_TIMEOUT = 10  # seconds one blocking read or write of a started request may take


class _TimedSocket(socket.socket):
    """A client socket whose blocking reads end at the kernel's SO_RCVTIMEO, read as end of data."""

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        try:
            return super().recv(bufsize, flags)
        except BlockingIOError:  # EAGAIN in blocking mode: SO_RCVTIMEO ran out
            if self.getblocking():
                return b""
            raise


def _timed(sock: socket.socket, seconds: int) -> socket.socket:
    timeval = struct.pack("ll", seconds, 0)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)
    return _TimedSocket(sock.family, sock.type, sock.proto, fileno=sock.detach())


class GuardedThreadWorker(ThreadWorker):
    def accept(self, listener) -> None:
        """Accept a connection and wait for its first byte in the poller, not in a pool thread."""
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, _timed(client_sock, IO_TIMEOUT), client_addr, listener.getsockname())
        conn.timeout = time.monotonic() + self.cfg.keepalive  # same delay as deferred ones: the deque stays sorted
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))
