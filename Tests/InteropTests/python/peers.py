"""Echo servers built on independently written WebSocket libraries, for verdict tests.

Usage: peers.py NAME [PORT]   (websockets | aiohttp | tornado | autobahn, NAME-policy, or
websockets-graceful: websockets closing its connections with 1001 on SIGTERM)
Listens on 127.0.0.1 on PORT (a free one when not given: a test restarting a hung server
passes the port it had), prints "PORT <n>", and echoes every message until killed. Each
server runs with its library's defaults except where a default would make the catalogue
measure something else: message size limits are raised to 64 MiB so that the 16 MiB limits
cases test echoing, not the library's limit, and permessage-deflate (RFC 7692) is enabled
wherever the library leaves it off (tornado, autobahn), so that the compression cases test
each library's codec rather than its declining the offer; websockets and aiohttp accept it
by default. The node `ws` echo server is Tests/InteropTests/node/peer.js.

The NAME-policy servers are configured as a team going live would configure them, with known
values the posture probes of `wsconform check` must measure (Tests/PostureTests/Expected):
an allowed origin, a message size limit, a heartbeat. Compression is left at the library's
default.
"""
import asyncio
import sys

LIMIT = 64 * 1024 * 1024
# The port to listen on (main sets it from the command line; 0: a free one).
PORT = 0


async def run_websockets():
    from websockets.asyncio.server import serve

    async def echo(connection):
        async for message in connection:
            await connection.send(message)

    async with serve(echo, "127.0.0.1", PORT, max_size=LIMIT, ping_interval=None) as server:
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


async def run_websockets_graceful():
    """websockets shut down as its documentation shows: on SIGTERM the `serve` context exits,
    which closes every open connection with 1001 (going away), and the process exits 0."""
    import signal
    from websockets.asyncio.server import serve

    async def echo(connection):
        async for message in connection:
            await connection.send(message)

    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with serve(echo, "127.0.0.1", PORT, max_size=LIMIT, ping_interval=None) as server:
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        await stop


async def run_aiohttp(**response_options):
    """aiohttp's echo; `response_options` go to its WebSocketResponse (the 64 MiB limit when none)."""
    from aiohttp import WSMsgType, web

    options = response_options or {"max_msg_size": LIMIT}

    async def echo(request):
        ws = web.WebSocketResponse(**options)
        await ws.prepare(request)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await ws.send_str(message.data)
            elif message.type == WSMsgType.BINARY:
                await ws.send_bytes(message.data)
        return ws

    app = web.Application()
    app.router.add_get("/", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", PORT)
    await site.start()
    print(f"PORT {site._server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Future()


async def run_tornado():
    import tornado.web
    import tornado.websocket

    class Echo(tornado.websocket.WebSocketHandler):
        def get_compression_options(self):
            # An empty dict enables permessage-deflate with tornado's defaults.
            return {}

        def on_message(self, message):
            self.write_message(message, binary=isinstance(message, bytes))

    app = tornado.web.Application([(r"/", Echo)], websocket_max_message_size=LIMIT)
    sockets = tornado.netutil.bind_sockets(PORT, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    print(f"PORT {sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Future()


async def run_autobahn():
    from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol
    from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept

    class Echo(WebSocketServerProtocol):
        def onMessage(self, payload, isBinary):
            self.sendMessage(payload, isBinary)

    def accept(offers):
        # The first permessage-deflate offer, accepted with autobahn's defaults (as its own
        # compressed echo examples do); None declines them all.
        for offer in offers:
            if isinstance(offer, PerMessageDeflateOffer):
                return PerMessageDeflateOfferAccept(offer)
        return None

    factory = WebSocketServerFactory()
    factory.protocol = Echo
    factory.setProtocolOptions(
        maxMessagePayloadSize=LIMIT, maxFramePayloadSize=LIMIT, perMessageCompressionAccept=accept)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", PORT)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Future()


ORIGIN = "https://app.example"


async def run_websockets_policy():
    """websockets with its default 1 MiB max_size and 10 s open_timeout, an origin list that
    also admits clients sending no Origin, and a heartbeat: ping every 2 s, close 2 s after
    an unanswered one."""
    from websockets.asyncio.server import serve

    async def echo(connection):
        async for message in connection:
            await connection.send(message)

    async with serve(echo, "127.0.0.1", PORT, origins=[ORIGIN, None], ping_interval=2, ping_timeout=2) as server:
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


async def run_aiohttp_policy():
    """aiohttp with a 2 MiB max_msg_size and a 2 s heartbeat (a pong is awaited for half of
    it); aiohttp has no Origin check of its own."""
    await run_aiohttp(max_msg_size=2 * 1024 * 1024, heartbeat=2.0)


async def run_tornado_policy():
    """tornado with its default same-origin check_origin, a 512 KiB message limit and a ping
    every 2 s (closed 2 s after an unanswered one)."""
    import tornado.web
    import tornado.websocket

    class Echo(tornado.websocket.WebSocketHandler):
        def on_message(self, message):
            self.write_message(message, binary=isinstance(message, bytes))

    app = tornado.web.Application(
        [(r"/", Echo)], websocket_max_message_size=512 * 1024, websocket_ping_interval=2, websocket_ping_timeout=2)
    sockets = tornado.netutil.bind_sockets(PORT, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    print(f"PORT {sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Future()


if __name__ == "__main__":
    import tornado.httpserver  # noqa: F401  (imported here so run_tornado can use it)
    import tornado.netutil  # noqa: F401
    runners = {
        "websockets": run_websockets, "websockets-graceful": run_websockets_graceful, "aiohttp": run_aiohttp, "tornado": run_tornado, "autobahn": run_autobahn,
        "websockets-policy": run_websockets_policy, "aiohttp-policy": run_aiohttp_policy, "tornado-policy": run_tornado_policy,
    }
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in runners or not all(a.isdigit() for a in sys.argv[2:]):
        sys.exit(f"usage: peers.py {{{'|'.join(runners)}}} [PORT]")
    PORT = int(sys.argv[2]) if len(sys.argv) == 3 else 0
    asyncio.run(runners[sys.argv[1]]())
