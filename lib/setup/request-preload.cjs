// Preloaded into the `next start` process (node --require, lib/setup/server-process.ts).
// `next start` fills X-Forwarded-For from the socket only when a request has none, and keeps a
// client's header as sent, so behind no proxy the socket's address is lost and the client picks its
// own. Like a reverse proxy, this appends the socket's peer to the header before Next sees the
// request; lib/http/client-address.ts reads the header from the right (decision 0011).
"use strict";
const http = require("node:http");
const https = require("node:https");

function appendPeer(req) {
  const peer = req.socket && req.socket.remoteAddress;
  if (!peer) return;
  const prior = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

for (const mod of [http, https]) {
  const createServer = mod.createServer;
  mod.createServer = function createServerWithPeer(...args) {
    const server = createServer.apply(this, args);
    // First in line, before the listener Next passed (or adds later with server.on("request")).
    server.prependListener("request", appendPeer);
    return server;
  };
}
