"""Echo servers built on independently written WebSocket libraries, for verdict tests.

Usage: peers.py NAME [PORT]   (websockets | aiohttp | tornado | autobahn)
Listens on 127.0.0.1 on PORT (a free one when not given: a test restarting a hung server
passes the port it had), prints "PORT <n>", and echoes every message until killed. Each
server runs with its library's defaults except where a default would make the catalogue
measure something else: message size limits are raised to 64 MiB so that the 16 MiB limits
cases test echoing, not the library's limit, and permessage-deflate (RFC 7692) is enabled
wherever the library leaves it off (tornado, autobahn), so that the compression cases test
each library's codec rather than its declining the offer; websockets and aiohttp accept it
by default. The node `ws` echo server is Tests/InteropTests/node/peer.js.
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


async def run_aiohttp():
    from aiohttp import WSMsgType, web

    async def echo(request):
        ws = web.WebSocketResponse(max_msg_size=LIMIT)
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


if __name__ == "__main__":
    import tornado.httpserver  # noqa: F401  (imported here so run_tornado can use it)
    import tornado.netutil  # noqa: F401
    runners = {"websockets": run_websockets, "aiohttp": run_aiohttp, "tornado": run_tornado, "autobahn": run_autobahn}
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in runners or not all(a.isdigit() for a in sys.argv[2:]):
        sys.exit(f"usage: peers.py {{{'|'.join(runners)}}} [PORT]")
    PORT = int(sys.argv[2]) if len(sys.argv) == 3 else 0
    asyncio.run(runners[sys.argv[1]]())
