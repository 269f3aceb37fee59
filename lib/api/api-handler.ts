// The wrapper every /api/v1 route goes through: request id, bearer-token (or session) auth, the
// error shape {"error": {code, message, details}}, and logging of unexpected errors.
// (No "server-only" guard: the Pages Router route that uses nodeApiRoute is compiled without the
// react-server condition, where that package throws on import.)
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { NextApiRequest, NextApiResponse } from "next";
import { getServerSession } from "next-auth";
import type { Actor, RequestContext } from "@/lib/access/actor";
import { tokenAccess } from "@/lib/auth/api-tokens";
import { actorOfSession, authOptions } from "@/lib/auth/auth-options";
import { AppError, isAppError } from "@/lib/errors";
import { databaseBusyCode, databaseBusyError, storageFullCode, storageFullError } from "@/lib/storage-full";
import { clientAddress } from "@/lib/http/client-address";
import { requestIdOf } from "@/lib/http/request-id";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import type { BufferPool } from "@/lib/storage/buffer-pool";
import { isFileSegment, type FileSegment } from "@/lib/storage/file-segment";
import { responseWriter, sendFileSegment } from "@/lib/storage/zero-copy-send";

/** What a read-only API token may do (OPTIONS is answered before authentication). */
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RequestContext, params: P) => Promise<Response>;
type SessionReader = () => Promise<unknown>;

export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> =>
    runApi(req, () => getServerSession(authOptions()), async (ctx) => handler(req, ctx, await route.params));
}

/** A handler of a Pages Router API route: `req` carries the method, URL and headers but no body;
 *  the body is the Node request itself. */
type NodeHandler<P> = (req: Request, ctx: RequestContext, params: P, body: IncomingMessage) => Promise<Response>;

/** The same wrapper for a Pages Router API route (pages/api, with the body parser off). Next hands
 *  such a route the Node request itself, so a large body streams from the socket without the copy
 *  per chunk that building a web Request costs (decision 0008). Only the evidence upload needs it. */
export function nodeApiRoute<P extends Record<string, string>>(handlers: Partial<Record<"GET" | "POST", NodeHandler<P>>>) {
  return async (req: NextApiRequest, res: NextApiResponse): Promise<void> => {
    const web = new Request(new URL(req.url ?? "/", "http://localhost"), { method: req.method, headers: nodeHeaders(req.headers) });
    const handler = handlers[(req.method === "HEAD" ? "GET" : req.method) as "GET" | "POST"]; // Node drops a HEAD answer's body
    // Which methods a path takes is public: answered before authentication, as the App Router routes do.
    const response = handler
      ? await runApi(web, () => getServerSession(req, res, authOptions()), (ctx) => handler(web, ctx, req.query as P, req))
      : req.method === "OPTIONS"
        ? new Response(null, { status: 204, headers: { allow: allowedMethods(Object.keys(handlers)).join(", ") } })
        : methodNotAllowed(req.method ?? "", Object.keys(handlers));
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") res.setHeader(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    const nodeBody = nodeBodies.get(response);
    if (!nodeBody) return void res.end(Buffer.from(await response.arrayBuffer()));
    if (req.method === "HEAD") {
      if ("release" in nodeBody) await nodeBody.chunks.return(undefined);
      else nodeBody.destroy();
      return void res.end();
    }
    // Straight to the socket, with the socket's backpressure (decision 0024); a failure mid-way
    // can only cut the response short, which the client sees as a truncated download.
    const failed = (e: unknown) => console.error(`[${response.headers.get("x-request-id")}] streamed response failed: ${e instanceof Error ? e.message : String(e)}`);
    if ("release" in nodeBody) await sendChunks(nodeBody, res).catch(failed);
    else await pipeline(nodeBody, res).catch(failed);
  };
}

/** A body of chunks whose memory is handed back (`release`) once the socket has taken each one, so
 *  it can be read into again (the case file export's pooled evidence reads, lib/storage/buffer-pool.ts),
 *  and of file segments, which go to the socket without being read where the kernel can send them
 *  (lib/storage/zero-copy-send.ts; read into `pool` where it cannot). */
export type ReleasingBody = { chunks: AsyncGenerator<Buffer | FileSegment>; release: (chunk: Buffer) => void; pool: BufferPool };

const nodeBodies = new WeakMap<Response, Readable | ReleasingBody>();

/** A response whose body is a Node stream (or chunks released as sent), for a nodeApiRoute handler:
 *  sent to the socket as it is read, without Next's web streams in between (their fixed cost per
 *  chunk held the case file export to a fifth of disk speed; decision 0024). */
export function nodeStreamResponse(body: Readable | ReleasingBody, init: ResponseInit): Response {
  const response = new Response(null, init);
  nodeBodies.set(response, body);
  return response;
}

/** Writes each chunk to the response, releasing it when the socket has taken it (the write's
 *  callback: the bytes are in the kernel), waiting for 'drain' when the socket is full; file
 *  segments go through sendFileSegment. Stops reading (the generator's finally blocks close its
 *  files) if the client goes away; an error of the body destroys the response, so the client sees a
 *  cut download, never a short "complete" one. */
async function sendChunks(body: ReleasingBody, res: NextApiResponse): Promise<void> {
  const writer = responseWriter(res, body.release);
  try {
    for await (const part of body.chunks) {
      const open = isFileSegment(part) ? await sendFileSegment(res, part, writer, body.pool) : await writer.write(part);
      if (!open) return;
    }
    res.end();
  } catch (e) {
    res.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

async function runApi(req: Request, readSession: SessionReader, run: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  const requestId = requestIdOf(req.headers);
  try {
    const actor = await authenticate(req, readSession);
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send a valid API token as 'Authorization: Bearer <token>'");
    const res = await run({ actor, requestId, ip: clientAddress(req.headers) });
    res.headers.set("x-request-id", requestId);
    return res;
  } catch (e) {
    return errorResponse(e, requestId);
  }
}

function nodeHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const v of value) out.append(name, v);
    else if (value !== undefined) out.set(name, value);
  }
  return out;
}

/** Routes that need no user (the OpenAPI description). Errors still get the standard shape. */
export function publicRoute(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = requestIdOf(req.headers);
    try {
      return await handler(req);
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

async function authenticate(req: Request, readSession: SessionReader): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const access = match ? await tokenAccess(match[1]) : null;
    if (access?.readOnly && !READ_METHODS.includes(req.method)) {
      throw new AppError("FORBIDDEN", "This API token is read-only: it may only read (GET). Use a read-write token to change anything");
    }
    return access?.actor ?? null;
  }
  const actor = actorOfSession(await readSession());
  if (!actor) return null;
  if (!isSameOriginRequest(req.method, req.headers)) {
    throw new AppError("FORBIDDEN", "Cross-origin requests may not use the session cookie; send an API token instead");
  }
  return actor;
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(e: unknown, requestId: string): Response {
  // A full disk or database: 507 with what the operator must do, and the cause in the log.
  const full = isAppError(e) ? undefined : storageFullCode(e);
  if (full) console.error(`[${requestId}] storage full (${full}): answered 507`, e);
  // The database too busy to take it in time (a lock wait ran out): 503, try again shortly.
  const busy = isAppError(e) || full ? undefined : databaseBusyCode(e);
  if (busy) console.error(`[${requestId}] database busy (${busy}): answered 503`, e);
  const known = isAppError(e) ? e : full ? storageFullError(full) : busy ? databaseBusyError(busy) : undefined;
  if (known) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    const retry = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry) headers["retry-after"] = String(retry);
    return json({ error: { code: known.code, message: known.message, details: known.details ?? null } }, known.status, headers);
  }
  console.error(`[${requestId}] unexpected error`, e);
  return json(
    { error: { code: "INTERNAL", message: `Something went wrong. Quote request id ${requestId} when reporting it.`, details: null } },
    500,
    { "x-request-id": requestId },
  );
}

/** 405 in the error shape, with the Allow header naming what the route serves (HEAD with GET, OPTIONS). */
export function methodNotAllowed(method: string, served: string[]): Response {
  const allowed = allowedMethods(served);
  const res = errorResponse(new AppError("METHOD_NOT_ALLOWED", `${method} is not allowed here; use ${allowed.join(", ")}`, { allow: allowed }), randomUUID());
  res.headers.set("allow", allowed.join(", "));
  return res;
}

/** Sorted, with HEAD beside GET, and OPTIONS always. */
export function allowedMethods(served: string[]): string[] {
  const all = new Set([...served, "OPTIONS"]);
  if (all.has("GET")) all.add("HEAD");
  return [...all].sort();
}

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body: 415 unless it is declared JSON, 413 when over 1 MiB, 400 when malformed. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "JSON bodies are limited to 1 MiB");
  const text = await readLimited(req, MAX_JSON_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid JSON", { fieldErrors: { _: ["malformed JSON"] } });
  }
}

/** Reads the body as text, stopping (413) as soon as it passes `limit` bytes, declared or not. */
async function readLimited(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", "JSON bodies are limited to 1 MiB");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function searchParamsObject(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
