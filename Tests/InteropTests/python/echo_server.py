"""An echo server built on the `websockets` library, for interop tests and benchmarks.

Prints "PORT <n>" once listening on 127.0.0.1, then echoes every message until killed. With
--log-header NAME it prints "HEADER NAME <value>" for each opening handshake (an empty value
when the field is absent), as a server that logs a request field such as traceparent does;
its own log (a traceback per refused handshake) is then silenced, so that a test reading only
those lines never leaves a pipe full of tracebacks to block the server.
Usage: echo_server.py [--no-deflate] [--log-header NAME]
"""
import asyncio
import logging
import sys

from websockets.asyncio.server import serve


async def echo(connection):
    async for message in connection:
        await connection.send(message)


def header_logger(name):
    def log(connection, request):
        print(f"HEADER {name} {request.headers.get(name, '')}", flush=True)
    return log


async def main():
    compression = None if "--no-deflate" in sys.argv else "deflate"
    logged = sys.argv[sys.argv.index("--log-header") + 1] if "--log-header" in sys.argv else None
    if logged:
        logging.getLogger("websockets").setLevel(logging.CRITICAL + 1)
    async with serve(echo, "127.0.0.1", 0, max_size=None, compression=compression,
                     ping_interval=None, max_queue=4,
                     process_request=header_logger(logged) if logged else None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
