// An echo server on node's `ws` library (the Debian package node-ws), for verdict tests.
//
// Usage: node peer.js [PORT] [--graceful]   Listens on 127.0.0.1 on PORT (a free one when not given: a test
// restarting a hung server passes the port it had), prints "PORT <n>", and echoes every
// message, text as text and binary as binary, until killed. Like the Python peers
// (Tests/InteropTests/python/peers.py) it runs with the library's defaults except where a
// default would make the catalogue measure something else:
// - maxPayload is 64 MiB, so that the 16 MiB limits cases test echoing, not the limit;
// - permessage-deflate (RFC 7692), off by default in a ws server, is enabled with threshold 0.
//   ws compresses every message while it keeps its context, but under an agreed
//   server_no_context_takeover it sends messages below the threshold (1024 octets by
//   default) uncompressed; threshold 0 has it compress those too, so the small-message
//   compression cases test its compressor under every offer, not only its inflater.
'use strict';

const path = require('path');

// Debian installs node modules under /usr/share/nodejs, which a node from elsewhere (the
// nodesource build, say) does not search.
function load(name) {
  try {
    return require(name);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    return require(path.join('/usr/share/nodejs', name));
  }
}

const { WebSocketServer } = load('ws');

const LIMIT = 64 * 1024 * 1024;

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv.slice(2).find((word) => /^\d+$/.test(word)) || 0),
  maxPayload: LIMIT,
  perMessageDeflate: { threshold: 0 },
});

server.on('listening', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});

// With --graceful, SIGTERM closes every open connection with 1001 (going away) and exits once
// the server has closed, as a service shut down by its supervisor should; without it node's
// default applies (the process dies at once).
if (process.argv.includes('--graceful')) {
  process.on('SIGTERM', () => {
    for (const client of server.clients) client.close(1001, 'going away');
    server.close(() => process.exit(0));
  });
}

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    socket.send(data, { binary: isBinary });
  });
  // A connection the library fails reports an error here; the echo server has nothing to add.
  socket.on('error', () => {});
});
