"""A real SMTP server on 127.0.0.1 for ssme's e-mail tests (aiosmtpd), with failure injection.

Every accepted message is stored as <dir>/<n>-<recipient>.eml. Failures on demand:
  --reject ADDR      RCPT TO answered 550 (permanent) for this address, always;
  --temp ADDR        RCPT TO answered 451 (transient) the first time, accepted afterwards;
  --drop-after N     after N accepted messages, the next DATA drops the connection (once).
Prints "LISTO <port>" when it accepts connections; stops on SIGTERM.
"""

import argparse
import os
import signal
import threading

from aiosmtpd.controller import Controller


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
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Handler(args), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"LISTO {args.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
