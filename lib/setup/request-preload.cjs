// Preloaded into the `next start` process (node --require, lib/setup/server-process.ts): two things
// done to every request before Next sees it.
// 1. `next start` fills X-Forwarded-For from the socket only when a request has none, and keeps a
//    client's header as sent, so behind no proxy the socket's address is lost and the client picks
//    its own. Like a reverse proxy, this appends the socket's peer to the header;
//    lib/http/client-address.ts reads the header from the right (decision 0011).
// 2. An /api/ path whose percent-encoding does not decode is refused by Next before any route or
//    proxy.ts runs, as an HTML page (an empty body for OPTIONS). The API answers every error in its
//    JSON shape, so such a request is answered here, 400 in that shape.
"use strict";
const http = require("node:http");
const https = require("node:https");

function appendPeer(req) {
  const peer = req.socket && req.socket.remoteAddress;
  if (!peer) return;
  const prior = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

function undecodableApiPath(url) {
  if (typeof url !== "string" || !url.startsWith("/api/")) return false;
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
    return false;
  } catch {
    return true;
  }
}

const REFUSAL = JSON.stringify({
  error: { code: "INVALID_INPUT", message: "The request's path is not valid (check its percent-encoding)", details: null },
});

function refuse(req, res) {
  req.resume(); // the body is not read; let it drain
  res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(REFUSAL) });
  res.end(REFUSAL);
}

/** Wraps the listener Next passes to createServer. */
function guarded(listener) {
  return function guardedListener(req, res) {
    appendPeer(req);
    if (undecodableApiPath(req.url)) return refuse(req, res);
    return listener.call(this, req, res);
  };
}

for (const mod of [http, https]) {
  const createServer = mod.createServer;
  mod.createServer = function createGuardedServer(...args) {
    const at = args.findIndex((a) => typeof a === "function");
    if (at !== -1) {
      args[at] = guarded(args[at]);
      return createServer.apply(this, args);
    }
    // No listener given (it will be added with server.on("request")): still first in line for the
    // peer; the path guard needs the listener and is Next's own way anyway.
    const server = createServer.apply(this, args);
    server.prependListener("request", appendPeer);
    return server;
  };
}

module.exports = { undecodableApiPath };
