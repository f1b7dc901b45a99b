"""An echo server built on the `websockets` library, for interop tests and benchmarks.

Prints "PORT <n>" once listening on 127.0.0.1, then echoes every message until killed.
Usage: echo_server.py [--no-deflate]
"""
import asyncio
import sys

from websockets.asyncio.server import serve


async def echo(connection):
    async for message in connection:
        await connection.send(message)


async def main():
    compression = None if "--no-deflate" in sys.argv else "deflate"
    async with serve(echo, "127.0.0.1", 0, max_size=None, compression=compression,
                     ping_interval=None, max_queue=4) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
