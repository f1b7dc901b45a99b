"""A `websockets` client that checks exact echoes from a server, for interop tests.

Usage: echo_client.py URL [--deflate] [--cafile FILE]
Prints one line per exchange ("ok NAME" or "FAIL NAME: why") and exits 0 when all are exact.
"""
import asyncio
import ssl
import sys

from websockets.asyncio.client import connect


def payloads():
    yield "text", "Hello, interop ✓"
    yield "binary 1 MiB", bytes((i * 31) & 0xFF for i in range(1 << 20))
    yield "binary 16 MiB", bytes(range(256)) * (1 << 16)
    yield "fragmented text", ["frag", "ment", "ed ✓"]


async def main():
    url = sys.argv[1]
    compression = "deflate" if "--deflate" in sys.argv else None
    context = None
    if "--cafile" in sys.argv:
        context = ssl.create_default_context(cafile=sys.argv[sys.argv.index("--cafile") + 1])
    failures = 0
    async with connect(url, compression=compression, max_size=None, ssl=context,
                       ping_interval=None, open_timeout=10, close_timeout=10) as connection:
        extensions = connection.response.headers.get("Sec-WebSocket-Extensions", "none")
        print(f"extensions {extensions}", flush=True)
        for name, payload in payloads():
            await connection.send(payload)
            expected = "".join(payload) if isinstance(payload, list) else payload
            echoed = await asyncio.wait_for(connection.recv(), timeout=30)
            if echoed == expected:
                print(f"ok {name}", flush=True)
            else:
                failures += 1
                print(f"FAIL {name}: echo differs ({len(echoed)} vs {len(expected)})", flush=True)
        pong = await connection.ping(b"interop")
        await asyncio.wait_for(pong, timeout=10)
        print("ok ping", flush=True)
    code = connection.close_code
    if code != 1000:
        failures += 1
        print(f"FAIL close: code {code}", flush=True)
    else:
        print("ok close", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    asyncio.run(main())
