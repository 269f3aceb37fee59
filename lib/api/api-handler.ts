// The wrapper every /api/v1 route goes through: request id, bearer-token (or session) auth, the
// error shape {"error": {code, message, details}}, and logging of unexpected errors.
import "server-only";
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorForToken } from "@/lib/auth/api-tokens";
import { authOptions } from "@/lib/auth/auth-options";
import { actorForSession } from "@/lib/auth/sessions";
import { AppError, isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { isSameOriginRequest } from "@/lib/http/same-origin";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RequestContext, params: P) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const actor = await authenticate(req);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send a valid API token as 'Authorization: Bearer <token>'");
      const res = await handler(req, { actor, requestId, ip: clientAddress(req.headers) }, await route.params);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

/** Routes that need no user (the OpenAPI description). Errors still get the standard shape. */
export function publicRoute(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = randomUUID();
    try {
      return await handler(req);
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

async function authenticate(req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match ? actorForToken(match[1]) : null;
  }
  const session = (await getServerSession(authOptions())) as { sid?: string } | null;
  if (!session?.sid) return null;
  if (!isSameOriginRequest(req.method, req.headers)) {
    throw new AppError("FORBIDDEN", "Cross-origin requests may not use the session cookie; send an API token instead");
  }
  return actorForSession(session.sid);
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(e: unknown, requestId: string): Response {
  if (isAppError(e)) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry) headers["retry-after"] = String(retry);
    return json({ error: { code: e.code, message: e.message, details: e.details ?? null } }, e.status, headers);
  }
  console.error(`[${requestId}] unexpected error`, e);
  return json(
    { error: { code: "INTERNAL", message: `Something went wrong. Quote request id ${requestId} when reporting it.`, details: null } },
    500,
    { "x-request-id": requestId },
  );
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
