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
        elif name == "refuse-401":
            connection.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    except OSError:
        pass
    finally:
        connection.close()


def main():
    names = ["silent", "http-garbage", "slowloris-response", "upgrade-then-close", "refuse-401"]
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
