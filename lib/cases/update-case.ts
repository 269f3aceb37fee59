// Editing a case's fields. With `version`, a concurrent edit answers 409 instead of being overwritten.
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent, diffFields } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase, type CaseAccessRow } from "@/lib/access/case-access";
import { syncMembersRestricted } from "@/lib/cases/case-members";
import { ZUpdateCaseInput } from "@/lib/cases/case-schemas";
import { SEVERITY_RANK } from "@/lib/cases/case-status";
import type { CaseDetail } from "@/lib/cases/case-view";
import { loadCaseDetail } from "@/lib/cases/load-case-detail";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const STALE_VERSION = "This case was changed by someone else since you opened it. Reload and try again.";

export async function updateCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const data = parseInput(ZUpdateCaseInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "update");
    await applyCaseUpdate(tx, ctx, access, data);
    return loadCaseDetail(tx, access.id);
  });
}

/** The update inside the caller's transaction; `access` comes from requireCase(…, "update"). */
export async function applyCaseUpdate(
  tx: Tx,
  ctx: RequestContext,
  access: CaseAccessRow,
  { version, tags, ...fields }: z.output<typeof ZUpdateCaseInput>,
): Promise<void> {
  if (fields.restricted === false && access.restricted) {
    // Lifting a restriction exposes the case to everyone: managers and admins only.
    await requireCase(tx, ctx.actor, access.id, "assign");
  }
  if (version !== undefined && version !== access.version) throw new AppError("CONFLICT", STALE_VERSION);
  const before = await loadCaseDetail(tx, access.id);
  const changes = diffFields(before as unknown as Record<string, unknown>, {
    ...fields,
    ...(fields.dueAt !== undefined && { dueAt: fields.dueAt?.toISOString() ?? null }),
    ...(tags && { tags: [...tags].sort() }),
  });
  if (!Object.keys(changes).length) return;
  const updated = await tx.case.updateMany({
    where: { id: access.id, version: before.version },
    data: {
      ...fields,
      ...(fields.severity && { severityRank: SEVERITY_RANK[fields.severity] }),
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) throw new AppError("CONFLICT", STALE_VERSION);
  if (fields.restricted !== undefined) await syncMembersRestricted(tx, access.id, fields.restricted);
  if (tags) {
    await tx.caseTag.deleteMany({ where: { caseId: access.id } });
    if (tags.length) await tx.caseTag.createMany({ data: tags.map((tag) => ({ caseId: access.id, tag })) });
  }
  await appendAuditEvent(tx, auditContextOf(ctx), { action: "case.update", entityType: "Case", entityId: access.id, caseId: access.id, changes });
}
