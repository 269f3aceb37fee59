// Appends one event to the hash chain, inside the caller's transaction, so the change and its
// record commit or roll back together.
import type { Tx } from "@/lib/db/client";
import { lockAuditChain } from "@/lib/db/dialect";
import { canonicalJson, eventHash, GENESIS_HASH } from "@/lib/audit/canonical";
import type { AuditContext } from "@/lib/audit/audit-context";

export type Changes = Record<string, { before?: unknown; after?: unknown }>;

export type AuditInput = {
  action: string; // e.g. "case.create", "case.transition", "evidence.download"
  entityType: string;
  entityId?: string | null;
  caseId?: string | null;
  changes?: Changes | Record<string, unknown>;
};

export async function appendAuditEvent(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<number> {
  await lockAuditChain(tx);
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    actorId: ctx.actorId,
    actorEmail: ctx.actorEmail,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    caseId: input.caseId ?? null,
    changes: canonicalJson(input.changes ?? {}),
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({ data: { ...fields, hash: eventHash(fields) } });
  return fields.seq;
}

/** Before/after of the fields that changed between two snapshots. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
  const out: Changes = {};
  for (const key of Object.keys(after)) {
    const a = normalize(before[key]);
    const b = normalize(after[key]);
    if (canonicalJson(a) !== canonicalJson(b)) out[key] = { before: a, after: b };
  }
  return out;
}

function normalize(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}
