"""A real SMTP server on 127.0.0.1 for ssme's e-mail tests (aiosmtpd), with failure injection.

Every accepted message is stored as <dir>/<n>-<recipient>.eml. Failures on demand:
  --reject ADDR      RCPT TO answered 550 (permanent) for this address, always;
  --temp ADDR        RCPT TO answered 451 (transient) the first time, accepted afterwards;
  --drop-after N     after N accepted messages, the next DATA drops the connection (once).
Sign-in on demand: with --xoauth2 TOKEN (repeatable) the server requires AUTH XOAUTH2 (the only
mechanism offered, no TLS on loopback) and accepts only these tokens; with --usos N each token
expires after N sign-ins (535 afterwards), as an OAuth access token does mid-run.
Prints "LISTO <port>" when it accepts connections; stops on SIGTERM.
"""

import argparse
import base64
import logging
import os
import signal
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, args):
        self.dir = args.dir
        self.reject = {a.lower() for a in args.reject}
        self.temp = {a.lower() for a in args.temp}
        self.temp_seen = set()
        self.drop_after = args.drop_after
        self.dropped = False
        self.accepted = 0
        self.lock = threading.Lock()
        self.tokens = {t: 0 for t in args.xoauth2}
        self.uses = args.usos

    async def auth_XOAUTH2(self, server, args):
        """SASL XOAUTH2: base64 of "user=<u>\\x01auth=Bearer <token>\\x01\\x01"."""
        rejected = AuthResult(success=False, handled=False,
                              message="535 5.7.3 Authentication unsuccessful")
        if len(args) != 2:
            return rejected
        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
        except ValueError:
            return rejected
        values = dict(f.split("=", 1) for f in fields if "=" in f)
        token = values.get("auth", "").removeprefix("Bearer ")
        with self.lock:
            if not values.get("user") or token not in self.tokens:
                return rejected
            if self.uses is not None and self.tokens[token] >= self.uses:
                return rejected
            self.tokens[token] += 1
        return AuthResult(success=True, auth_data=values["user"])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        addr = address.lower()
        if addr in self.reject:
            return "550 5.1.1 Buzón inexistente"
        if addr in self.temp and addr not in self.temp_seen:
            self.temp_seen.add(addr)
            return "451 4.3.0 Intente más tarde"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.drop_after is not None and not self.dropped and self.accepted >= self.drop_after:
                self.dropped = True
                server.transport.close()
                return "421 4.4.2 Conexión cerrada"
            self.accepted += 1
            n = self.accepted
        for rcpt in envelope.rcpt_tos:
            path = os.path.join(self.dir, f"{n:04d}-{rcpt.lower()}.eml")
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.replace(tmp, path)
        return "250 Mensaje aceptado"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--temp", action="append", default=[])
    p.add_argument("--drop-after", type=int)
    p.add_argument("--xoauth2", action="append", default=[])
    p.add_argument("--usos", type=int)
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    auth = {}
    if args.xoauth2:
        # Sign-in without TLS is on purpose here (loopback); keep the test output quiet.
        warnings.simplefilter("ignore")
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        auth = dict(auth_required=True, auth_require_tls=False,
                    auth_exclude_mechanism=["PLAIN", "LOGIN"])
    controller = Controller(Handler(args), hostname="127.0.0.1", port=args.port, **auth)
    controller.start()
    print(f"LISTO {args.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
