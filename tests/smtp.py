"""A real local SMTP server (aiosmtpd) on a free loopback port for tests."""

import socket

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, messages):
        self.messages = messages
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Requested action aborted: try again later"
        self.messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.messages: list[bytes] = []
        self.handler = _Handler(self.messages)
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()
