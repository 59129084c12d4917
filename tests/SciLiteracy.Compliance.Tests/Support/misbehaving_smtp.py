"""An SMTP server that fails the way real ones do, for the mail-outage drills (SmtpServerFixture.Misbehave).

usage: misbehaving_smtp.py PORT MODE LOG
  hang            accept the connection, then say nothing at all (a wedged or overloaded server)
  drop-mid-data   speak SMTP up to DATA, read the whole message, then close the socket before the
                  final reply: the client never gets its 250, and nothing is delivered
Appends one line per event to LOG: "<unix time> connect" and, for drop-mid-data, "<unix time> dropped <rcpt>".
Prints "ready" once it listens.
"""
import asyncio
import sys
import time

port, mode, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
log = open(log_path, "a", buffering=1, encoding="utf-8")


def record(event):
    log.write(f"{time.time():.3f} {event}\n")


async def hang(reader, writer):
    record("connect")
    await reader.read()  # until the client gives up and closes its side
    writer.close()


async def drop_mid_data(reader, writer):
    record("connect")
    writer.write(b"220 drill.invalid ESMTP\r\n")
    recipients = []
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb == b"EHLO":
            writer.write(b"250-drill.invalid\r\n250 8BITMIME\r\n")
        elif verb == b"RCPT":
            recipients.append(line.decode("ascii", "replace").split(":", 1)[1].strip().strip("<>"))
            writer.write(b"250 OK\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            while (data := await reader.readline()) not in (b".\r\n", b""):
                pass
            record("dropped " + ",".join(recipients))
            writer.transport.abort()
            return
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            break
        else:  # HELO, MAIL, RSET, NOOP
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()


async def main():
    handler = {"hang": hang, "drop-mid-data": drop_mid_data}[mode]
    server = await asyncio.start_server(handler, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
