// The authorization table again, this time through the real lib/ functions on a real database:
// every role × member/non-member × restricted/open × operation answers allow, 403 or 404.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Actor, type Role } from "@/lib/access/actor";
import { assignCase } from "@/lib/cases/assign-case";
import { CASE_OPERATIONS, type CaseOperation, type Decision } from "@/lib/access/case-policy";
import { getCase } from "@/lib/cases/get-case";
import { transitionCase } from "@/lib/cases/transition-case";
import { updateCase } from "@/lib/cases/update-case";
import { addMembers } from "@/lib/cases/case-members";
import { db } from "@/lib/db/client";
import { addNote } from "@/lib/notes/notes";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { stageBytes } from "@/test/support/evidence-files";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { expectedCaseAccess, type CaseKind, type Membership } from "@/test/support/case-access-table";

let admin: Actor;
let assignee: Actor;
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  assignee = await createUser({ role: "INVESTIGATOR" });
  for (const role of ROLES) actors[role] = await createUser({ role });
});

async function caseFor(kind: CaseKind, membership: Membership, actor: Actor, op: CaseOperation) {
  const c = await createCase(admin, { restricted: kind === "restricted" });
  // Direct insert: auditors cannot be assigned through assignCase, but the table covers them too.
  if (membership === "member") await addMembers(db(), c, [actor.id]);
  if (op === "reopen") {
    for (const to of ["ACTIVE", "IN_REVIEW"] as const) await transitionCase(ctxFor(admin), c.id, { to });
    await transitionCase(ctxFor(admin), c.id, { to: "CLOSED", resolution: "INCONCLUSIVE" });
  }
  return c;
}

function perform(op: CaseOperation, actor: Actor, caseId: string): Promise<unknown> {
  const ctx = ctxFor(actor);
  switch (op) {
    case "read":
      return getCase(actor, caseId);
    case "update":
      return updateCase(ctx, caseId, { title: "Renamed by the access test" });
    case "transition":
      return transitionCase(ctx, caseId, { to: "ACTIVE" });
    case "reopen":
      return transitionCase(ctx, caseId, { to: "ACTIVE" });
    case "assign":
      return assignCase(ctx, caseId, { leadId: assignee.id }); // a real change, so the write path runs
    case "addNote":
      return addNote(ctx, caseId, { body: "access test" });
    case "addEvidence":
      return stageBytes(Buffer.from("access test"), "a.txt").then((file) => uploadEvidence(ctx, caseId, file, { kind: "DOCUMENT", title: "access" }));
    case "removeEvidence":
      return stageBytes(Buffer.from("to remove"), "r.txt")
        .then((file) => uploadEvidence(ctxFor(admin), caseId, file, { kind: "DOCUMENT", title: "to remove" }))
        .then((ev) => removeEvidence(ctx, ev.id, { reason: "access table test" }));
  }
}

async function outcome(promise: Promise<unknown>): Promise<Decision> {
  try {
    await promise;
    return "allow";
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403) return "forbidden";
    if (status === 404) return "notFound";
    throw e;
  }
}

const rows = ROLES.flatMap((role) =>
  (["member", "non-member"] as const).flatMap((membership) =>
    (["restricted", "open"] as const).flatMap((kind) =>
      CASE_OPERATIONS.map((op) => [role, membership, kind, op, expectedCaseAccess[role][membership][kind][op]] as const),
    ),
  ),
);

describe("case access through lib/", () => {
  it.each(rows)("%s %s on %s case: %s → %s", async (role, membership, kind, op, expected) => {
    const actor = actors[role];
    const c = await caseFor(kind, membership, actor, op);
    expect(await outcome(perform(op, actor, c.id))).toBe(expected);
  });
});
