// Closed means closed (issue 13): every write of a CLOSED case's content is refused with 409
// "reopen the case first", whoever asks, and nothing is written; reopening makes them work again.
// Status moves and assignment stay open (a manager reopens; who may see the case is still managed).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { attachAccounts, detachAccount } from "@/lib/accounts/case-accounts";
import { createAction } from "@/lib/actions/create-action";
import { assignCase } from "@/lib/cases/assign-case";
import { editCase } from "@/lib/cases/edit-case";
import { transitionCase } from "@/lib/cases/transition-case";
import { updateCase } from "@/lib/cases/update-case";
import { db } from "@/lib/db/client";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { addNote, setNotePinned } from "@/lib/notes/notes";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor, manager: Actor, admin: Actor;
const meta = { kind: "DOCUMENT", title: "Harvest memo", source: "provider logs" };

beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  manager = await createUser({ role: "MANAGER" });
  admin = await createUser({ role: "ADMIN" });
});

async function closedCaseWithContent() {
  const c = await createCase(investigator);
  const note = await addNote(ctxFor(investigator), c.id, { body: "Before closing" });
  const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("memo"), "memo.txt", "text/plain"), meta);
  const account = await createAccount(investigator);
  await attachAccounts(ctxFor(investigator), c.id, { accountId: account.id, role: "SUBJECT" });
  for (const to of ["ACTIVE", "IN_REVIEW"]) await transitionCase(ctxFor(investigator), c.id, { to });
  await transitionCase(ctxFor(investigator), c.id, { to: "CLOSED", resolution: "SUBSTANTIATED" });
  return { c, note, ev, account };
}

async function expectClosedRefusal(p: Promise<unknown>) {
  const e = await expectAppError(p);
  expect([e.status, e.code, e.message]).toEqual([409, "CONFLICT", "This case is closed: reopen the case first"]);
}

describe("a closed case", () => {
  it("refuses edits, notes, pins, evidence, account links and new actions with 409, writing nothing", async () => {
    const { c, note, ev, account } = await closedCaseWithContent();
    const other = await createAccount(investigator);
    const auditBefore = await db().auditEvent.count({ where: { caseId: c.id } });
    for (const actor of [investigator, manager, admin]) {
      const ctx = ctxFor(actor);
      await expectClosedRefusal(updateCase(ctx, c.id, { title: "Changed after closing" }));
      await expectClosedRefusal(editCase(ctx, c.id, { summary: "Changed after closing" }));
      await expectClosedRefusal(addNote(ctx, c.id, { body: "After closing" }));
      await expectClosedRefusal(setNotePinned(ctx, note.id, { pinned: true }));
      await expectClosedRefusal(uploadEvidence(ctx, c.id, await stageBytes(Buffer.from("late"), "late.txt", "text/plain"), meta));
      await expectClosedRefusal(editEvidenceMetadata(ctx, ev.id, { title: "Renamed after closing" }));
      await expectClosedRefusal(attachAccounts(ctx, c.id, { accountId: other.id, role: "ASSOCIATE" }));
      await expectClosedRefusal(detachAccount(ctx, c.id, account.id));
      await expectClosedRefusal(createAction(ctx, c.id, { type: "ACCESS_REVOCATION", justification: "late", targetAccountIds: [account.id] }));
    }
    await expectClosedRefusal(removeEvidence(ctxFor(admin), ev.id, { reason: "Removed after closing" }));
    const after = await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { title: true, status: true, _count: { select: { notes: true, evidence: true, actions: true } } } });
    expect(after.status).toBe("CLOSED");
    expect(after.title).toBe(c.title);
    expect(after._count).toEqual({ notes: 1, evidence: 1, actions: 0 });
    expect(await db().auditEvent.count({ where: { caseId: c.id } })).toBe(auditBefore);
  });

  it("still answers 403 before 409 to someone who could not write it anyway", async () => {
    const { c } = await closedCaseWithContent();
    const outsider = await createUser({ role: "INVESTIGATOR" });
    expect((await expectAppError(addNote(ctxFor(outsider), c.id, { body: "x" }))).status).toBe(403);
  });

  it("can still be reassigned and reopened by a manager, after which writes work again", async () => {
    const { c } = await closedCaseWithContent();
    const colleague = await createUser({ role: "INVESTIGATOR" });
    await assignCase(ctxFor(manager), c.id, { memberIds: [investigator.id, colleague.id] });
    await transitionCase(ctxFor(manager), c.id, { to: "ACTIVE" });
    await addNote(ctxFor(investigator), c.id, { body: "Reopened: new lead" });
    const updated = await updateCase(ctxFor(investigator), c.id, { title: "Reopened and renamed" });
    expect(updated.title).toBe("Reopened and renamed");
  });
});
