"""boofuzz driving a WebSocket frame fuzz, for bench/fuzz.sh.

Usage: boofuzz_ws.py --port N [--host 127.0.0.1] [--cases 2000] [--seconds 30] [--recv-timeout S]

Each test case opens a fresh TCP connection, sends the opening handshake (RFC 6455 §4.1) and
reads the reply, then sends one fuzzed frame (RFC 6455 §5.2) and reads the reply. The frame is
four boofuzz primitives, mutated one at a time as boofuzz does by default:

    Byte  fin-rsv-opcode  0x81 (FIN, text)
    Byte  mask-length     0x85 (MASK, 5 octets)
    Bytes masking-key     4 octets
    Bytes payload         "Hello" masked with that key

Settings are boofuzz's defaults except: the web UI is off (web_port=None), its case database is
in memory (db_filename=":memory:") rather than a file, no console logger, and the reply to the
fuzzed frame is read (receive_data_after_fuzz=True). Reads use TCPSocketConnection's default
timeouts (recv_timeout 5.0 s, send_timeout 5.0 s) unless --recv-timeout is given; one read returns as
soon as any bytes arrive, so only a server that stays silent costs the whole timeout.

Stops after --cases test cases or once --seconds have passed (checked after each case), and
prints one line of JSON: cases run, seconds, cases per second, the settings used.
"""
import argparse
import base64
import json
import os
import time

from boofuzz import Byte, Bytes, Request, Session, Static, Target, TCPSocketConnection

KEY = bytes([0x37, 0xFA, 0x21, 0x3D])
PAYLOAD = b"Hello"


def masked(data, key):
    """Client-to-server payloads are masked (RFC 6455 §5.3)."""
    return bytes(b ^ key[i % 4] for i, b in enumerate(data))


def handshake(host, port):
    key = base64.b64encode(os.urandom(16)).decode()
    return (
        "GET / HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "\r\n"
    ).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--recv-timeout", type=float, default=None)
    args = parser.parse_args()

    timeouts = {} if args.recv_timeout is None else {"recv_timeout": args.recv_timeout}
    connection = TCPSocketConnection(args.host, args.port, **timeouts)
    deadline = time.monotonic() + args.seconds

    def stop_when_time_is_up(target, fuzz_data_logger, session, *_, **__):
        # boofuzz has a case bound (index_end) but no time bound: move the case bound in.
        if time.monotonic() >= deadline:
            session._index_end = session.total_mutant_index

    session = Session(
        target=Target(connection=connection),
        web_port=None,
        keep_web_open=False,
        fuzz_loggers=[],
        db_filename=":memory:",
        receive_data_after_fuzz=True,
        index_end=args.cases,
        post_test_case_callbacks=[stop_when_time_is_up],
    )
    opening = Request("opening-handshake", children=(Static(name="request", default_value=handshake(args.host, args.port)),))
    frame = Request(
        "frame",
        children=(
            Byte(name="fin-rsv-opcode", default_value=0x81),
            Byte(name="mask-length", default_value=0x80 | len(PAYLOAD)),
            Bytes(name="masking-key", default_value=KEY),
            Bytes(name="payload", default_value=masked(PAYLOAD, KEY)),
        ),
    )
    session.connect(opening)
    session.connect(opening, frame)

    start = time.monotonic()
    session.fuzz()
    seconds = time.monotonic() - start
    cases = session.num_cases_actually_fuzzed
    print(
        json.dumps(
            {
                "tool": "boofuzz",
                "cases": cases,
                "seconds": round(seconds, 3),
                "inputsPerSecond": round(cases / seconds, 1) if seconds > 0 else 0,
                "mutationsInRequest": frame.get_num_mutations(),
                "recvTimeoutSeconds": connection._recv_timeout,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
