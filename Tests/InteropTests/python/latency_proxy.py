#!/usr/bin/env python3
"""A TCP proxy on loopback that holds every chunk DELAY_MS milliseconds in each direction,
keeping order, as a target that far away would: `latency_proxy.py UPSTREAM_PORT DELAY_MS`.

Prints "listening on ws://127.0.0.1:PORT/" once ready. A half-close is passed on as a half-close (after the
same delay), so closing handshakes look as they would over the distance. Stops on SIGTERM.
"""
import asyncio
import signal
import sys


async def forward(reader, writer, delay):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                try:
                    writer.write_eof()
                except (OSError, RuntimeError):
                    pass
                return
            try:
                writer.write(data)
                await writer.drain()
            except (OSError, ConnectionError):
                return

    sender = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((loop.time() + delay, data or None))
            if not data:
                break
    except (OSError, ConnectionError):
        queue.put_nowait((loop.time() + delay, None))
    await sender


async def main():
    upstream_port, delay = int(sys.argv[1]), int(sys.argv[2]) / 1000

    async def accepted(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            forward(client_reader, server_writer, delay), forward(server_reader, client_writer, delay), return_exceptions=True)
        for writer in (client_writer, server_writer):
            writer.close()

    server = await asyncio.start_server(accepted, "127.0.0.1", 0)
    print(f"listening on ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/", flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


asyncio.run(main())
