// Actions through the real lib/ functions on a real database (SQLite, or PostgreSQL with
// LANTERN_TEST_DB=postgresql): the two state machines, four eyes, execution and reversal of account
// status, the review's restriction rule, history in the audit chain, queues, and the case-close rule.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { createAction } from "@/lib/actions/create-action";
import { getAction } from "@/lib/actions/get-action";
import { countActionQueues, listActions, listCaseActions } from "@/lib/actions/list-actions";
import { transitionAction } from "@/lib/actions/transition-action";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { addMembers } from "@/lib/cases/case-members";
import { getCase } from "@/lib/cases/get-case";
import { transitionCase } from "@/lib/cases/transition-case";
import { db } from "@/lib/db/client";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let admin: Actor, manager: Actor, manager2: Actor, investigator: Actor, outsider: Actor, auditor: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  manager = await createUser({ role: "MANAGER" });
  manager2 = await createUser({ role: "MANAGER" });
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
});

async function caseWithAccounts(opts: { restricted?: boolean } = {}) {
  const c = await createCase(investigator, { restricted: opts.restricted ?? false });
  const a = await createAccount(investigator);
  const b = await createAccount(investigator);
  await attachAccount(investigator, c.id, a.id);
  await attachAccount(investigator, c.id, b.id);
  return { c, a, b };
}

const move = (actor: Actor, id: string, input: Record<string, unknown>) => transitionAction(ctxFor(actor), id, input);

describe("access revocation", () => {
  it("goes PROPOSED → APPROVED → EXECUTED → VERIFIED; execution revokes every targeted account and records who, when and the reference", async () => {
    const { c, a, b } = await caseWithAccounts();
    await db().account.update({ where: { id: b.id }, data: { status: "SUSPENDED" } });
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("usage export"), "usage.jsonl"), { kind: "API_LOG", title: "usage export" });
    const proposed = await createAction(ctxFor(investigator), c.id, {
      type: "ACCESS_REVOCATION",
      justification: "Distillation at scale\nacross both accounts",
      targetAccountIds: [a.id, b.id],
      evidenceIds: [ev.id],
    });
    expect(proposed).toMatchObject({ status: "PROPOSED", type: "ACCESS_REVOCATION", caseId: c.id, proposedBy: { id: investigator.id }, evidence: [{ id: ev.id }] });
    expect(proposed.targets.map((t) => t.account?.id).sort()).toEqual([a.id, b.id].sort());

    const approved = await move(manager, proposed.id, { to: "APPROVED", comment: "looks right" });
    expect(approved).toMatchObject({ status: "APPROVED", approvedBy: { id: manager.id } });
    const executed = await move(manager, proposed.id, { to: "EXECUTED", externalReference: "KMS-4411" });
    expect(executed).toMatchObject({ status: "EXECUTED", executedBy: { id: manager.id }, externalReference: "KMS-4411" });
    expect(executed.executedAt).not.toBeNull();
    const statuses = await db().account.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, status: true } });
    expect(statuses.every((s) => s.status === "REVOKED")).toBe(true);
    expect(Object.fromEntries(executed.targets.map((t) => [t.account!.id, t.previousStatus]))).toEqual({ [a.id]: "ACTIVE", [b.id]: "SUSPENDED" });
    const accountEvents = await db().auditEvent.findMany({ where: { action: "account.update", entityId: { in: [a.id, b.id] } } });
    expect(accountEvents).toHaveLength(2);

    const verified = await move(admin, proposed.id, { to: "VERIFIED" });
    expect(verified.final).toBe(true);
    expect(verified.events.map((e) => [e.from, e.to, e.actor?.id])).toEqual([
      [null, "PROPOSED", investigator.id],
      ["PROPOSED", "APPROVED", manager.id],
      ["APPROVED", "EXECUTED", manager.id],
      ["EXECUTED", "VERIFIED", admin.id],
    ]);
    expect(verified.events[1].comment).toBe("looks right");
    const audit = await db().auditEvent.findMany({ where: { entityType: "Action", entityId: proposed.id }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["action.create", "action.transition", "action.transition", "action.transition"]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("reversing restores each account's previous status (and needs a reason)", async () => {
    const { c, a, b } = await caseWithAccounts();
    await db().account.update({ where: { id: b.id }, data: { status: "SUSPENDED" } });
    const p = await createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id, b.id] });
    await move(manager, p.id, { to: "APPROVED" });
    await move(manager, p.id, { to: "EXECUTED", externalReference: "KMS-1" });
    const e = await expectAppError(move(manager, p.id, { to: "REVERSED" }));
    expect(e.status).toBe(400);
    expect(e.details).toEqual({ fieldErrors: { reason: ["a reversal needs a reason"] } });
    const reversed = await move(manager, p.id, { to: "REVERSED", reason: "wrong operator" });
    expect(reversed).toMatchObject({ status: "REVERSED", reason: "wrong operator", final: true });
    const statuses = Object.fromEntries((await db().account.findMany({ where: { id: { in: [a.id, b.id] } } })).map((x) => [x.id, x.status]));
    expect(statuses).toEqual({ [a.id]: "ACTIVE", [b.id]: "SUSPENDED" });
    // The outbox got one delivery per executed/reversed move, written with the move.
    const deliveries = await db().webhookDelivery.findMany({ where: { actionId: p.id }, orderBy: { createdAt: "asc" } });
    expect(deliveries.map((d) => d.event)).toEqual(["action.executed", "action.reversed"]);
    const body = JSON.parse(deliveries[0].body) as { data: { actionId: string; externalReference: string; targets: { externalId: string }[] } };
    expect(body.data).toMatchObject({ actionId: p.id, externalReference: "KMS-1" });
    expect(body.data.targets.map((t) => t.externalId).sort()).toEqual([a.externalId, b.externalId].sort());
  });

  it("is approved or rejected only by a manager or admin who did not propose it (403 with a clear message)", async () => {
    const { c, a } = await caseWithAccounts();
    const own = await createAction(ctxFor(manager), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id] });
    const e1 = await expectAppError(move(manager, own.id, { to: "APPROVED" }));
    expect([e1.code, e1.message]).toEqual(["FORBIDDEN", "You proposed this revocation; another manager or admin must approve or reject it"]);
    const e2 = await expectAppError(move(manager, own.id, { to: "REJECTED", reason: "no" }));
    expect(e2.code).toBe("FORBIDDEN");
    const e3 = await expectAppError(move(investigator, own.id, { to: "APPROVED" }));
    expect([e3.code, e3.message]).toEqual(["FORBIDDEN", "Only a manager or admin can approve or reject a revocation"]);
    const e4 = await expectAppError(move(manager2, own.id, { to: "REJECTED" }));
    expect(e4.status).toBe(400);
    expect(e4.details).toEqual({ fieldErrors: { reason: ["a rejection needs a reason"] } });
    const rejected = await move(manager2, own.id, { to: "REJECTED", reason: "insufficient evidence" });
    expect(rejected).toMatchObject({ status: "REJECTED", reason: "insufficient evidence", approvedBy: { id: manager2.id } });
    const status = (await db().account.findUniqueOrThrow({ where: { id: a.id } })).status;
    expect(status).toBe("ACTIVE");
  });

  it("refuses illegal moves with 409 naming the allowed ones, and execution without an external reference with 400", async () => {
    const { c, a } = await caseWithAccounts();
    const p = await createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id] });
    const e = await expectAppError(move(manager, p.id, { to: "EXECUTED", externalReference: "x" }));
    expect([e.status, e.code]).toEqual([409, "ILLEGAL_TRANSITION"]);
    expect(e.message).toBe("An access revocation cannot move from Proposed to Executed; from Proposed it can move to Approved or Rejected.");
    expect(e.details).toEqual({ from: "PROPOSED", to: "EXECUTED", allowed: ["APPROVED", "REJECTED"] });
    expect((await expectAppError(move(manager, p.id, { to: "CONCLUDED", outcome: "x" }))).status).toBe(409);
    await move(manager, p.id, { to: "APPROVED" });
    const noRef = await expectAppError(move(manager, p.id, { to: "EXECUTED" }));
    expect(noRef.details).toEqual({ fieldErrors: { externalReference: ["executing needs the external reference of the revocation"] } });
    expect((await db().account.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("ACTIVE");
    const events = await db().actionEvent.count({ where: { actionId: p.id } });
    expect(events).toBe(2);
    expect(await db().webhookDelivery.count({ where: { actionId: p.id } })).toBe(0);
  });

  it("cites only evidence of its own case, names existing accounts and at least one target (400 naming the field)", async () => {
    const { c, a } = await caseWithAccounts();
    const other = await createCase(investigator);
    const foreign = await uploadEvidence(ctxFor(investigator), other.id, await stageBytes(Buffer.from("other"), "o.txt"), { kind: "DOCUMENT", title: "other" });
    const e1 = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id], evidenceIds: [foreign.id] }));
    expect(Object.keys((e1.details as { fieldErrors: object }).fieldErrors)).toEqual(["evidenceIds"]);
    const e2 = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: ["nope"] }));
    expect(Object.keys((e2.details as { fieldErrors: object }).fieldErrors)).toEqual(["targetAccountIds"]);
    const e3 = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j" }));
    expect(Object.keys((e3.details as { fieldErrors: object }).fieldErrors)).toEqual(["targetAccountIds"]);
    const e4 = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", targetAccountIds: [a.id] }));
    expect(Object.keys((e4.details as { fieldErrors: object }).fieldErrors)).toEqual(["justification"]);
    const e5 = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION" }));
    expect(Object.keys((e5.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["justification", "targetAccountIds"]);
    const apiKeys = await createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetApiKeyIds: ["key_1"], targetOrganization: "Rival Labs", scope: "all models" });
    expect(apiKeys.targets.map((t) => [t.kind, t.value])).toEqual([["ORGANIZATION", "Rival Labs"], ["API_KEY", "key_1"]]);
    expect(await db().action.count({ where: { caseId: c.id } })).toBe(1);
  });
});

describe("national-security review", () => {
  it("goes DRAFT → REFERRED → UNDER_REVIEW ⇄ INFO_REQUESTED → CONCLUDED, and a conclusion needs an outcome", async () => {
    const c = await createCase(investigator, { restricted: true });
    const r = await createAction(ctxFor(investigator), c.id, {
      type: "NATIONAL_SECURITY_REVIEW",
      referralBody: "Office of Export Enforcement",
      referenceNumber: "OEE-2026-17",
      classification: "OFFICIAL-SENSITIVE",
      dueAt: "2026-12-31",
      notes: "Initial referral",
    });
    expect(r).toMatchObject({ status: "DRAFT", referralBody: "Office of Export Enforcement", referenceNumber: "OEE-2026-17", classification: "OFFICIAL-SENSITIVE", dueAt: "2026-12-31T23:59:59.000Z" });
    for (const to of ["REFERRED", "UNDER_REVIEW", "INFO_REQUESTED", "UNDER_REVIEW"]) await move(investigator, r.id, { to });
    const e = await expectAppError(move(investigator, r.id, { to: "CONCLUDED" }));
    expect([e.status, e.details]).toEqual([400, { fieldErrors: { outcome: ["a conclusion needs an outcome"] } }]);
    const done = await move(investigator, r.id, { to: "CONCLUDED", outcome: "No further action" });
    expect(done).toMatchObject({ status: "CONCLUDED", outcome: "No further action", final: true });
    expect(done.events.map((x) => x.to)).toEqual(["DRAFT", "REFERRED", "UNDER_REVIEW", "INFO_REQUESTED", "UNDER_REVIEW", "CONCLUDED"]);
  });

  it("needs a referral body and a due date (400 naming them)", async () => {
    const c = await createCase(investigator, { restricted: true });
    const e = await expectAppError(createAction(ctxFor(investigator), c.id, { type: "NATIONAL_SECURITY_REVIEW" }));
    expect(Object.keys((e.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["dueAt", "referralBody"]);
  });

  it("makes an unrestricted case restricted (members' copy of the flag too), unless an ADMIN records why not", async () => {
    const c = await createCase(investigator);
    await addMembers(db(), c, [outsider.id]);
    await createAction(ctxFor(investigator), c.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: "2026-12-31" });
    expect((await getCase(investigator, c.id)).restricted).toBe(true);
    expect((await db().caseMember.findMany({ where: { caseId: c.id } })).every((m) => m.caseRestricted)).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { action: "case.update", caseId: c.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit!.changes)).toMatchObject({ restricted: { before: false, after: true } });
    // An auditor (not a member) no longer sees it.
    expect((await expectAppError(getCase(auditor, c.id))).status).toBe(404);

    const kept = await createCase(investigator);
    const e = await expectAppError(createAction(ctxFor(manager), kept.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: "2026-12-31", keepUnrestrictedReason: "public matter" }));
    expect([e.code, e.message]).toEqual(["FORBIDDEN", "Only an admin can keep a case unrestricted while it is under national-security review"]);
    const r = await createAction(ctxFor(admin), kept.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: "2026-12-31", keepUnrestrictedReason: "already public" });
    expect(r.keepUnrestrictedReason).toBe("already public");
    expect((await getCase(investigator, kept.id)).restricted).toBe(false);
  });

  it("keeps a non-member manager who refers it able to see the case", async () => {
    const c = await createCase(investigator);
    const r = await createAction(ctxFor(manager), c.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: "2026-12-31" });
    expect((await getAction(manager, r.id)).status).toBe("DRAFT");
    expect((await expectAppError(getAction(outsider, r.id))).status).toBe(404);
  });
});

describe("a case with open actions", () => {
  it("cannot close; the refusal names the open actions, and closing works once they are final", async () => {
    const { c, a } = await caseWithAccounts();
    for (const to of ["ACTIVE", "IN_REVIEW"] as const) await transitionCase(ctxFor(manager), c.id, { to });
    const p = await createAction(ctxFor(investigator), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id] });
    const e = await expectAppError(transitionCase(ctxFor(manager), c.id, { to: "CLOSED", resolution: "SUBSTANTIATED" }));
    expect([e.status, e.code]).toEqual([409, "ILLEGAL_TRANSITION"]);
    expect(e.message).toContain(`access revocation ${p.id} (proposed)`);
    await move(manager, p.id, { to: "REJECTED", reason: "not needed" });
    const closed = await transitionCase(ctxFor(manager), c.id, { to: "CLOSED", resolution: "SUBSTANTIATED" });
    expect(closed.status).toBe("CLOSED");
  });
});

describe("queues and lists", () => {
  it("awaiting approval, mine, overdue and due soon, paged, from cases the reader may see", async () => {
    const proposer = await createUser({ role: "INVESTIGATOR" });
    const approver = await createUser({ role: "MANAGER" });
    const open = await createCase(proposer);
    const hidden = await createCase(proposer, { restricted: true });
    const acct = await createAccount(proposer);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createAction(ctxFor(proposer), open.id, { type: "ACCESS_REVOCATION", justification: `j${i}`, targetAccountIds: [acct.id] })).id);
    await createAction(ctxFor(proposer), hidden.id, { type: "ACCESS_REVOCATION", justification: "hidden", targetAccountIds: [acct.id] });
    const day = 24 * 3600 * 1000;
    const overdue = await createAction(ctxFor(proposer), hidden.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: new Date(Date.now() - 2 * day).toISOString() });
    const soon = await createAction(ctxFor(proposer), hidden.id, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "OEE", dueAt: new Date(Date.now() + 3 * day).toISOString() });

    const awaiting = await listActions(approver, { queue: "awaiting-approval", pageSize: "200" });
    expect(awaiting.items.filter((x) => x.caseId === open.id).map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(awaiting.items.some((x) => x.caseId === hidden.id)).toBe(false);
    expect((await listActions(proposer, { queue: "awaiting-approval" })).total).toBe(0);
    const page2 = await listActions(proposer, { queue: "mine", page: "2", pageSize: "2" });
    expect([page2.total, page2.items.length, page2.page]).toEqual([6, 2, 2]);
    expect((await listActions(proposer, { queue: "overdue" })).items.map((x) => x.id)).toEqual([overdue.id]);
    expect((await listActions(proposer, { queue: "due-soon" })).items.map((x) => x.id)).toEqual([soon.id]);
    expect((await listActions(approver, { queue: "overdue" })).items.some((x) => x.id === overdue.id)).toBe(false);
    expect((await countActionQueues(approver)).awaitingApproval).toBe(awaiting.total);
    expect((await listCaseActions(proposer, open.id)).total).toBe(3);
    expect((await expectAppError(listCaseActions(approver, hidden.id))).status).toBe(404);
    expect((await expectAppError(listActions(proposer, { queue: "everything" }))).status).toBe(400);
  });
});

describe("notifications", () => {
  it("a proposal notifies the managers and admins who can see the case, not the proposer; a decision notifies the proposer", async () => {
    const inbox = (userId: string, actionId: string) => db().notification.findMany({ where: { userId, link: `/actions/${actionId}` }, select: { kind: true } });
    const { c, a } = await caseWithAccounts();
    const p = await createAction(ctxFor(manager), c.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [a.id] });
    expect(await inbox(manager2.id, p.id)).toEqual([{ kind: "ACTION_PROPOSED" }]);
    expect(await inbox(admin.id, p.id)).toEqual([{ kind: "ACTION_PROPOSED" }]);
    expect(await inbox(manager.id, p.id)).toEqual([]);
    expect(await inbox(investigator.id, p.id)).toEqual([]);
    await move(manager2, p.id, { to: "APPROVED" });
    expect(await inbox(manager.id, p.id)).toEqual([{ kind: "ACTION_APPROVED" }]);

    const hidden = await createCase(investigator, { restricted: true });
    const acct = await createAccount(investigator);
    const q = await createAction(ctxFor(investigator), hidden.id, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: [acct.id] });
    expect(await inbox(manager2.id, q.id)).toEqual([]);
    expect(await inbox(admin.id, q.id)).toEqual([{ kind: "ACTION_PROPOSED" }]);
    await move(admin, q.id, { to: "REJECTED", reason: "no" });
    expect(await inbox(investigator.id, q.id)).toEqual([{ kind: "ACTION_REJECTED" }]);
  });
});
