// PATCH /cases/{id}: fields, lead and members in one request and one transaction, so a refused
// part leaves nothing half-applied.
import type { RequestContext } from "@/lib/access/actor";
import { applyAssignment } from "@/lib/cases/assign-case";
import { requireCase } from "@/lib/access/case-access";
import { ZEditCaseInput } from "@/lib/cases/case-schemas";
import type { CaseDetail } from "@/lib/cases/case-view";
import { loadCaseDetail } from "@/lib/cases/load-case-detail";
import { applyCaseUpdate } from "@/lib/cases/update-case";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";

export async function editCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const { leadId, memberIds, ...fields } = parseInput(ZEditCaseInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "update");
    await applyCaseUpdate(tx, ctx, access, fields);
    if (leadId !== undefined || memberIds !== undefined) await applyAssignment(tx, ctx, access, { leadId, memberIds });
    return loadCaseDetail(tx, access.id);
  });
}
