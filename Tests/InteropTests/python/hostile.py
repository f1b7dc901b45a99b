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
  header-flood       answers "HTTP/1.1 101 Switching Protocols", then header lines without end
  endless-status-line answers "HTTP/1.1 101 " and then octets without a line end, without end
  redirect-loop      answers every request with 302 Found to the same URL
  reset              resets every connection (RST) as soon as the request head has come

A TLS stall needs no server of its own: `silent` behind a wss:// URL never answers the
ClientHello.

These echo the first message of each connection correctly (so the run's echo check passes),
then misbehave for as long as the connection lasts:

  pong-flood         unsolicited pongs, as fast as the socket takes them
  ping-flood         pings, as fast as the socket takes them
  endless-fragments  a text message that never ends: 1-octet continuations without end
  endless-messages   1 MiB binary messages, 250 a second, without end
  never-reads        stops reading: the client's writes fill the socket buffers and block
  one-octet-echoes   every later echo sent as 1-octet fragments, a few octets per write
  lying-length       a binary frame header declaring 2^62 octets, 10 of them, then silence
  bomb               agrees to permessage-deflate when offered, then sends a compressed
                     message that inflates to 1 GiB of zeros (from 1 MiB on the wire)
"""
import base64
import hashlib
import os
import socket
import struct
import sys
import threading
import time
import zlib

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_head(connection):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = connection.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data


def accept_response(head, deflate=False):
    key, offered = "", False
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "sec-websocket-key":
            key = value.strip()
        if name.strip().lower() == "sec-websocket-extensions" and "permessage-deflate" in value:
            offered = True
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    extension = "Sec-WebSocket-Extensions: permessage-deflate\r\n" if deflate and offered else ""
    return (
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Accept: {accept}\r\n{extension}\r\n"
    ).encode()


def deflate_bomb():
    """A raw DEFLATE stream of 1 GiB of zeros, flushed as RFC 7692 §7.2.1 sends a message."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(1 << 20)
    data = b"".join(compressor.compress(zeros) for _ in range(1024)) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return data[:-4] if data.endswith(b"\x00\x00\xff\xff") else data


def read_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(min(65536, count - len(data)))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def read_frame(connection):
    """One client frame: (fin, opcode, unmasked payload); RSV1 of the last one read in LAST_RSV1."""
    first, second = read_exactly(connection, 2)
    LAST_RSV1[threading.get_ident()] = bool(first & 0x40)
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


LAST_RSV1 = {}


def frame(opcode, payload, fin=True, rsv1=False):
    head = bytes([(0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode])
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
    elif name == "lying-length":
        connection.sendall(bytes([0x82, 127]) + (1 << 62).to_bytes(8, "big") + bytes(10))
        while True:
            time.sleep(3600)
    elif name == "bomb":
        connection.sendall(frame(2, BOMB, rsv1=True))
        drain(connection)
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


ECHOING = [
    "pong-flood", "ping-flood", "endless-fragments", "endless-messages", "never-reads", "one-octet-echoes", "lying-length", "bomb"]
BOMB = b""


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
            connection.sendall(accept_response(head, deflate=name == "bomb"))
            message = read_message(connection)
            if message is None:
                return
            # A compressed message goes back as it came: the same octets inflate the same.
            connection.sendall(frame(message[0], message[1], rsv1=LAST_RSV1.get(threading.get_ident(), False)))
            misbehave(name, connection)
        elif name == "refuse-401":
            connection.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        elif name == "header-flood":
            connection.sendall(b"HTTP/1.1 101 Switching Protocols\r\n")
            while True:
                connection.sendall(b"X-Flood: " + b"a" * 1000 + b"\r\n")
        elif name == "endless-status-line":
            connection.sendall(b"HTTP/1.1 101 ")
            while True:
                connection.sendall(b"a" * 4096)
        elif name == "redirect-loop":
            target = b"/"
            for line in head.split(b"\r\n")[:1]:
                parts = line.split(b" ")
                if len(parts) >= 2:
                    target = parts[1]
            connection.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + target + b"\r\nContent-Length: 0\r\n\r\n")
        elif name == "reset":
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    finally:
        connection.close()


def main():
    names = [
        "silent", "http-garbage", "slowloris-response", "upgrade-then-close", "refuse-401", "header-flood", "endless-status-line",
        "redirect-loop", "reset"] + ECHOING
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in names:
        sys.exit(f"usage: hostile.py {{{'|'.join(names)}}} [PORT]")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) == 3 else 0))
    listener.listen(128)
    if sys.argv[1] == "bomb":
        global BOMB
        BOMB = deflate_bomb()
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(sys.argv[1], connection), daemon=True).start()


if __name__ == "__main__":
    main()
