// Custody events: every upload, view, download, verification and export of an evidence item,
// with who, when, from where and the hash observed. Each is also an audit event, in the same
// transaction, so custody is covered by the audit hash chain (one audit event per custody event,
// carrying the before/after of any metadata it changed).
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent, type Changes } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import type { Tx } from "@/lib/db/client";

export type CustodyAction = "UPLOAD" | "VIEW" | "DOWNLOAD" | "VERIFY" | "EXPORT" | "EDIT" | "SUPERSEDE" | "REMOVE" | "INGEST";

export async function recordCustody(
  tx: Tx,
  ctx: RequestContext,
  evidence: { id: string; caseId: string },
  action: CustodyAction,
  extra: { sha256Observed?: string | null; ok?: boolean | null; detail?: string | null; changes?: Changes } = {},
): Promise<void> {
  await tx.custodyEvent.create({
    data: {
      evidenceId: evidence.id,
      action,
      actorId: ctx.actor.id,
      actorEmail: ctx.actor.email,
      ip: ctx.ip,
      sha256Observed: extra.sha256Observed ?? null,
      ok: extra.ok ?? null,
      detail: extra.detail ?? null,
    },
  });
  await appendAuditEvent(tx, auditContextOf(ctx), {
    action: `evidence.${action.toLowerCase()}`,
    entityType: "Evidence",
    entityId: evidence.id,
    caseId: evidence.caseId,
    changes: { ...extra.changes, sha256Observed: { after: extra.sha256Observed ?? null }, ...(extra.ok != null && { ok: { after: extra.ok } }), ...(extra.detail && { detail: { after: extra.detail } }) },
  });
}
