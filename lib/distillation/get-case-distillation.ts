// The distillation analysis as a reader of the case sees it: requireCase(read) first, so a
// restricted case answers 404 to outsiders. Reading it is not audited (decision 0016): it shows
// derived figures and account ids, never prompt text, like the case page itself.
import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";
import type { CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import type { DistillationOptions } from "@/lib/distillation/distillation-settings";

export async function getCaseDistillation(actor: Actor, caseIdOrNumber: string, options: Partial<DistillationOptions> = {}): Promise<CaseDistillation> {
  const access = await requireCase(db(), actor, caseIdOrNumber, "read");
  return readCaseDistillation(access.id, options);
}
