"""Servers that make a WebSocket target unusable, one way each, for the tests that show
wsconform ending such a run in seconds with exit 2 and a report (never hanging, never growing).

Usage: hostile.py NAME [PORT]
Listens on 127.0.0.1 on PORT (a free one when not given), prints "PORT <n>", and serves every
connection in its own way until killed:

  silent             accepts TCP and sends nothing, reading and discarding what comes
  http-garbage       answers 4 KiB of random octets, then stays silent
  slowloris-response answers a correct 101, one octet a second
  upgrade-then-close answers a correct 101, then closes TCP at once
  refuse-401         answers every request with 401 Unauthorized

These echo the first message of each connection correctly (so the run's echo check passes),
then misbehave for as long as the connection lasts:

  pong-flood         unsolicited pongs, as fast as the socket takes them
  ping-flood         pings, as fast as the socket takes them
  endless-fragments  a text message that never ends: 1-octet continuations without end
  endless-messages   1 MiB binary messages, 250 a second, without end
  never-reads        stops reading: the client's writes fill the socket buffers and block
  one-octet-echoes   every later echo sent as 1-octet fragments, a few octets per write
"""
import base64
import hashlib
import os
import socket
import sys
import threading
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_head(connection):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = connection.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data


def accept_response(head):
    key = ""
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "sec-websocket-key":
            key = value.strip()
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    return (
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
    ).encode()


def read_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(min(65536, count - len(data)))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def read_frame(connection):
    """One client frame: (fin, opcode, unmasked payload)."""
    first, second = read_exactly(connection, 2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(read_exactly(connection, 2), "big")
    elif length == 127:
        length = int.from_bytes(read_exactly(connection, 8), "big")
    key = read_exactly(connection, 4) if second & 0x80 else b"\0\0\0\0"
    payload = read_exactly(connection, length)
    if length:
        # One big-integer XOR unmasks megabytes at once (a loop per octet takes seconds).
        mask = (key * (length // 4 + 1))[:length]
        payload = (int.from_bytes(payload, "big") ^ int.from_bytes(mask, "big")).to_bytes(length, "big")
    return bool(first & 0x80), first & 0x0F, payload


def frame(opcode, payload, fin=True):
    head = bytes([(0x80 if fin else 0) | opcode])
    if len(payload) < 126:
        head += bytes([len(payload)])
    elif len(payload) < 65536:
        head += bytes([126]) + len(payload).to_bytes(2, "big")
    else:
        head += bytes([127]) + len(payload).to_bytes(8, "big")
    return head + payload


def read_message(connection):
    """The next data message (opcode, payload); pings answered, a Close ends it (None)."""
    opcode, parts = None, []
    while True:
        fin, code, payload = read_frame(connection)
        if code == 8:
            return None
        if code == 9:
            connection.sendall(frame(10, payload))
            continue
        if code >= 8:
            continue
        opcode = opcode or code
        parts.append(payload)
        if fin:
            return opcode, b"".join(parts)


def misbehave(name, connection):
    """After the first echo: what `name` does for as long as the connection lasts."""
    if name == "pong-flood":
        while True:
            connection.sendall(frame(10, b"unsolicited") * 256)
    elif name == "ping-flood":
        while True:
            connection.sendall(frame(9, b"ping") * 256)
    elif name == "endless-fragments":
        connection.sendall(frame(1, b"a", fin=False))
        while True:
            connection.sendall(frame(0, b"a", fin=False) * 1024)
    elif name == "endless-messages":
        message = frame(2, bytes(1 << 20))
        while True:
            connection.sendall(message)
            time.sleep(0.004)
    elif name == "never-reads":
        while True:
            time.sleep(3600)
    elif name == "one-octet-echoes":
        while True:
            message = read_message(connection)
            if message is None:
                connection.sendall(frame(8, b"\x03\xe8"))
                return
            opcode, payload = message
            octets = b"".join(
                frame(opcode if index == 0 else 0, payload[index:index + 1], fin=index == len(payload) - 1)
                for index in range(len(payload))) if payload else frame(opcode, b"")
            for start in range(0, len(octets), 3):
                connection.sendall(octets[start:start + 3])


ECHOING = ["pong-flood", "ping-flood", "endless-fragments", "endless-messages", "never-reads", "one-octet-echoes"]


def drain(connection):
    while connection.recv(65536):
        pass


def serve(name, connection):
    try:
        if name == "silent":
            drain(connection)
            return
        head = read_head(connection)
        if head is None:
            return
        if name == "http-garbage":
            connection.sendall(os.urandom(4096))
            drain(connection)
        elif name == "slowloris-response":
            for octet in accept_response(head):
                connection.sendall(bytes([octet]))
                time.sleep(1)
            drain(connection)
        elif name == "upgrade-then-close":
            connection.sendall(accept_response(head))
        elif name in ECHOING:
            connection.sendall(accept_response(head))
            message = read_message(connection)
            if message is None:
                return
            connection.sendall(frame(message[0], message[1]))
            misbehave(name, connection)
        elif name == "refuse-401":
            connection.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    except OSError:
        pass
    finally:
        connection.close()


def main():
    names = ["silent", "http-garbage", "slowloris-response", "upgrade-then-close", "refuse-401"] + ECHOING
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in names:
        sys.exit(f"usage: hostile.py {{{'|'.join(names)}}} [PORT]")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) == 3 else 0))
    listener.listen(128)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(sys.argv[1], connection), daemon=True).start()


if __name__ == "__main__":
    main()
