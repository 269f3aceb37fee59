// Personal access tokens for the REST API: shown once, stored as a SHA-256 hash, revocable.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditContext } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { queryHotRows } from "@/lib/db/query-rows";
import { frag } from "@/lib/db/sql-fragment";
import { invalidInput, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const TOKEN_PREFIX = "lan_";
const TOUCH_EVERY_MS = 60_000;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  /** Optional end of validity: a date (the token works through that day, UTC) or a date-time; must be in the future. */
  expiresAt: z.preprocess(
    emptyToUndefined,
    z
      .union([z.iso.date().transform((d) => new Date(`${d}T23:59:59.999Z`)), z.iso.datetime({ offset: true }).transform((d) => new Date(d))])
      .optional(),
  ),
  /** A read-only token may only read (GET/HEAD); forms send "on". */
  readOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  readOnly: boolean;
};

const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, readOnly: true } as const;

/** Creates a token for `userId`; the plain token is returned once and never stored. */
export async function createApiToken(
  userId: string,
  ctx: AuditContext,
  input: unknown,
): Promise<{ token: string; view: TokenView }> {
  const { name, expiresAt, readOnly } = parseInput(ZCreateTokenInput, input);
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalidInput("The expiry date has passed", { expiresAt: ["must be in the future"] });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const view = await db().$transaction(async (tx) => {
    // Names tell a user's live tokens apart: one not revoked with the same name (any case) is refused.
    const live = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, select: { name: true } });
    if (live.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      throw invalidInput(`You already have a token named “${name}”`, { name: [`you already have a token named “${name}”; choose another name or revoke that one`] });
    }
    const row = await tx.apiToken.create({
      data: { userId, name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt: expiresAt ?? null, readOnly },
      select: tokenSelect,
    });
    await appendAuditEvent(tx, ctx, {
      action: "token.create",
      entityType: "ApiToken",
      entityId: row.id,
      changes: { name: { after: name }, ...(expiresAt && { expiresAt: { after: expiresAt.toISOString() } }), ...(readOnly && { readOnly: { after: true } }) },
    });
    return row;
  });
  return { token, view };
}

export async function listApiTokens(actor: Actor): Promise<TokenView[]> {
  return db().apiToken.findMany({ where: { userId: actor.id }, select: tokenSelect, orderBy: { createdAt: "desc" }, take: 200 });
}

export async function revokeApiToken(actor: Actor, ctx: AuditContext, tokenId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id }, select: { id: true, revokedAt: true } });
    if (!row) throw notFound("Token not found");
    if (row.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await appendAuditEvent(tx, ctx, { action: "token.revoke", entityType: "ApiToken", entityId: tokenId });
  });
}

/** The actor a bearer token stands for, or null when it is unknown, revoked, expired or its user disabled. */
export async function actorForToken(token: string, now = new Date()): Promise<Actor | null> {
  return (await tokenAccess(token, now))?.actor ?? null;
}

/** The actor a bearer token stands for and whether the token may only read; null as actorForToken. */
export async function tokenAccess(token: string, now = new Date()): Promise<{ actor: Actor; readOnly: boolean } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  // Plain SQL (the same on both providers): this runs on every API request, and the ORM's query
  // planning costs more than the lookup itself; on PostgreSQL straight through pg as a prepared
  // statement (queryHotRows), planned once per pool connection.
  const rows = await queryHotRows<TokenActorRow>(
    frag(
      `SELECT t."id" AS "tokenId", t."lastUsedAt" AS "lastUsedAt", t."expiresAt" AS "expiresAt", t."readOnly" AS "readOnly",
              u."id" AS "id", u."email" AS "email", u."name" AS "name", u."role" AS "role"
         FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
        WHERE t."tokenHash" = ? AND t."revokedAt" IS NULL AND u."disabledAt" IS NULL`,
      hashToken(token),
    ),
    { prepared: true },
  );
  const row = rows[0];
  if (!row) return null;
  if (row.expiresAt !== null && new Date(row.expiresAt).getTime() <= now.getTime()) return null;
  const lastUsed = row.lastUsedAt === null ? null : new Date(row.lastUsedAt);
  if (!lastUsed || now.getTime() - lastUsed.getTime() > TOUCH_EVERY_MS) {
    await db().apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: now } });
  }
  // SQLite answers the boolean as 0/1, PostgreSQL as a boolean.
  return { actor: { id: row.id, email: row.email, name: row.name, role: row.role }, readOnly: row.readOnly === true || row.readOnly === 1 };
}

type TokenActorRow = { tokenId: string; lastUsedAt: Date | string | null; expiresAt: Date | string | number | null; readOnly: boolean | number } & Actor;
