"""The ceiling reference for bench/fuzz.sh: no fuzzing at all, just the cost of a connection.

Usage: bare_loop.py --port N [--host 127.0.0.1] [--inputs 5000] [--seconds 30]

Each input opens a fresh TCP connection with raw sockets, sends the opening handshake
(RFC 6455 §4.1) and reads the response up to its blank line, sends one valid masked text frame
(RFC 6455 §5.2, §5.3) and reads its echo (a 2-octet header and the 5-octet payload), then
closes the socket. Every socket operation has a 5 s timeout; a wrong echo stops the loop with
exit status 1. Stops after --inputs inputs or once --seconds have passed, and prints one line
of JSON.
"""
import argparse
import base64
import json
import os
import socket
import sys
import time

PAYLOAD = b"Hello"


def read_until(sock, marker, limit=65536):
    data = b""
    while marker not in data:
        chunk = sock.recv(4096)
        if not chunk or len(data) > limit:
            raise ConnectionError("handshake response incomplete")
        data += chunk
    return data


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("connection closed before the echo")
        data += chunk
    return data


def one_input(host, port):
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET / HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "\r\n"
    ).encode()
    mask = os.urandom(4)
    frame = bytes([0x81, 0x80 | len(PAYLOAD)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(PAYLOAD))
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(request)
        response = read_until(sock, b"\r\n\r\n")
        if not response.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(f"handshake refused: {response[:40]!r}")
        # Bytes after the blank line would be the start of the echo; with one frame in flight the
        # server cannot have sent it yet.
        sock.sendall(frame)
        echo = read_exactly(sock, 2 + len(PAYLOAD))
        if echo != bytes([0x81, len(PAYLOAD)]) + PAYLOAD:
            raise ConnectionError(f"wrong echo: {echo!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--inputs", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()

    start = time.monotonic()
    deadline = start + args.seconds
    count = 0
    while count < args.inputs and time.monotonic() < deadline:
        try:
            one_input(args.host, args.port)
        except (OSError, ConnectionError) as error:
            print(f"bare loop: input {count}: {error}", file=sys.stderr)
            sys.exit(1)
        count += 1
    seconds = time.monotonic() - start
    print(
        json.dumps(
            {
                "tool": "bare-loop",
                "cases": count,
                "seconds": round(seconds, 3),
                "inputsPerSecond": round(count / seconds, 1) if seconds > 0 else 0,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
