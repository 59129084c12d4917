"""The tests' SMTP server: aiosmtpd with a fixed hostname, saving every accepted message into a maildir.

usage: smtp_server.py PORT MAILDIR LOG [--refuse ADDR]... [--defer-once ADDR]... [--drop-once ADDR]...
                      [--tls starttls|implicit --cert PEM --key PEM]
  --refuse ADDR      answer RCPT TO:<ADDR> with 550 every time (a mailbox that does not exist)
  --defer-once ADDR  answer the first RCPT TO:<ADDR> with 451, accept it afterwards (greylisting)
  --drop-once ADDR   the first time a message for ADDR has been received in full, close the connection
                     without a reply and keep nothing (the client never gets its 250)
  --tls starttls     offer STARTTLS with --cert/--key and refuse mail until the client has started it (530)
  --tls implicit     TLS from the first byte (port 465 style) with --cert/--key
Appends one line per connection, recipient command and fault to LOG: "<unix time> connect",
"<unix time> rcpt <addr> <code>", "<unix time> dropped <addr>".
Prints "ready" once it listens.

The hostname is fixed: stock aiosmtpd resolves socket.getfqdn() on every connection (70-90 ms here), and every
per-connection figure would measure the test server instead of the client.
"""
import argparse
import asyncio
import ssl
import time

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("maildir")
parser.add_argument("log")
parser.add_argument("--refuse", action="append", default=[])
parser.add_argument("--defer-once", action="append", default=[])
parser.add_argument("--drop-once", action="append", default=[])
parser.add_argument("--tls", choices=["starttls", "implicit"])
parser.add_argument("--cert")
parser.add_argument("--key")
args = parser.parse_args()
log = open(args.log, "a", buffering=1, encoding="utf-8")
refuse = {a.lower() for a in args.refuse}
defer_once = {a.lower() for a in args.defer_once}
drop_once = {a.lower() for a in args.drop_once}


def record(event):
    log.write(f"{time.time():.3f} {event}\n")


class Handler(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in refuse:
            record(f"rcpt {key} 550")
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        if key in defer_once:
            defer_once.discard(key)
            record(f"rcpt {key} 451")
            return "451 4.7.1 Greylisted, please try again later"
        record(f"rcpt {key} 250")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        dropped = [a for a in envelope.rcpt_tos if a.lower() in drop_once]
        if dropped:
            for a in dropped:
                drop_once.discard(a.lower())
                record(f"dropped {a.lower()}")
            server.transport.abort()
            return "250 never seen"  # the transport is gone: the client reads no reply
        return await super().handle_DATA(server, session, envelope)


class CountedSMTP(SMTP):
    def connection_made(self, transport):
        record("connect")
        super().connection_made(transport)


async def main():
    handler = Handler(args.maildir)
    loop = asyncio.get_running_loop()
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    starttls = {"tls_context": context, "require_starttls": True} if args.tls == "starttls" else {}
    server = await loop.create_server(lambda: CountedSMTP(handler, hostname="scilit-test.invalid", **starttls), "127.0.0.1", args.port,
                                      ssl=context if args.tls == "implicit" else None)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
