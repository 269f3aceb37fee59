// Editing a case's fields. With `version`, a concurrent edit answers 409 instead of being overwritten.
import type { RequestContext } from "@/lib/auth/actor";
import { appendAuditEvent, diffFields } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase } from "@/lib/cases/case-access";
import { syncMembersRestricted } from "@/lib/cases/case-members";
import { ZUpdateCaseInput } from "@/lib/cases/case-schemas";
import { SEVERITY_RANK } from "@/lib/cases/case-status";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const STALE_VERSION = "This case was changed by someone else since you opened it. Reload and try again.";

export async function updateCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const { version, tags, ...fields } = parseInput(ZUpdateCaseInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "update");
    if (fields.restricted === false && access.restricted) {
      // Lifting a restriction exposes the case to everyone: managers and admins only.
      await requireCase(tx, ctx.actor, access.id, "assign");
    }
    const before = toCaseDetail((await tx.case.findUnique({ where: { id: access.id }, select: caseDetailSelect }))!);
    if (version !== undefined && version !== before.version) throw new AppError("CONFLICT", STALE_VERSION);
    const changes = diffFields(
      { ...before, dueAt: before.dueAt, tags: before.tags } as Record<string, unknown>,
      { ...fields, ...(fields.dueAt !== undefined && { dueAt: fields.dueAt?.toISOString() ?? null }), ...(tags && { tags: [...tags].sort() }) },
    );
    if (!Object.keys(changes).length) return before;
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
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.update",
      entityType: "Case",
      entityId: access.id,
      caseId: access.id,
      changes,
    });
    return toCaseDetail((await tx.case.findUnique({ where: { id: access.id }, select: caseDetailSelect }))!);
  });
}
