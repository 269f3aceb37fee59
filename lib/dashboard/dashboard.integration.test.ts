// The dashboard on a real database (SQLite, or PostgreSQL with LANTERN_TEST_DB=postgresql): every
// figure counts only what its viewer may see (a restricted case counts for its members and admins
// alone), the filters narrow every case figure, and every link leads to a list whose total is the
// figure it was clicked on.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { createAction } from "@/lib/actions/create-action";
import { listActions } from "@/lib/actions/list-actions";
import { transitionAction } from "@/lib/actions/transition-action";
import { listCases } from "@/lib/cases/list-cases";
import { transitionCase } from "@/lib/cases/transition-case";
import { getDashboard, type Dashboard, type Figure } from "@/lib/dashboard/get-dashboard";
import { db } from "@/lib/db/client";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";

let admin: Actor, manager: Actor, member: Actor, outsider: Actor, auditor: Actor;
const HOUR = 3600_000;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  manager = await createUser({ role: "MANAGER" });
  member = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
  // A: open, HIGH, tagged. B: open, LOW, with an overdue review kept unrestricted by an admin.
  // R: restricted (member only), CRITICAL, with an executed revocation of a flagged account.
  // C: closed, MEDIUM.
  await createCase(member, { severity: "HIGH", tags: ["harvest"], leadId: member.id });
  const b = await createCase(member, { severity: "LOW" });
  const r = await createCase(member, { severity: "CRITICAL", restricted: true, leadId: member.id });
  const c = await createCase(manager, { severity: "MEDIUM" });
  for (const to of ["ACTIVE", "IN_REVIEW"]) await transitionCase(ctxFor(manager), c.id, { to });
  await transitionCase(ctxFor(manager), c.id, { to: "CLOSED", resolution: "SUBSTANTIATED" });

  const review = await createAction(ctxFor(admin), b.id, {
    type: "NATIONAL_SECURITY_REVIEW", referralBody: "Review board", dueAt: new Date(Date.now() + 48 * HOUR).toISOString(), keepUnrestrictedReason: "public matter",
  });
  await db().action.update({ where: { id: review.id }, data: { dueAt: new Date(Date.now() - 24 * HOUR) } });

  const flaggedFree = await createAccount(member, { riskScore: 90 });
  const flaggedRevoked = await createAccount(member, { riskScore: 80 });
  await createAccount(member, { riskScore: 20 });
  await attachAccount(member, r.id, flaggedRevoked.id);
  await attachAccount(member, b.id, flaggedFree.id);
  const revocation = await createAction(ctxFor(member), r.id, { type: "ACCESS_REVOCATION", justification: "harvesting", targetAccountIds: [flaggedRevoked.id] });
  await transitionAction(ctxFor(admin), revocation.id, { to: "APPROVED" });
  await transitionAction(ctxFor(admin), revocation.id, { to: "EXECUTED", externalReference: "KMS-1" });
  await db().action.update({ where: { id: revocation.id }, data: { createdAt: new Date(Date.now() - 10 * HOUR) } });
});

const tile = (d: Dashboard, key: string) => d.tiles.find((t) => t.key === key)?.value;

describe("visibility of every figure", () => {
  it.each([
    ["an admin", () => admin, { open: 3, critical: 1, executed: 1, revokedThisMonth: 1 }],
    ["a member of the restricted case", () => member, { open: 3, critical: 1, executed: 1, revokedThisMonth: 1 }],
    ["a manager", () => manager, { open: 2, critical: 0, executed: 0, revokedThisMonth: 0 }],
    ["an investigator outside it", () => outsider, { open: 2, critical: 0, executed: 0, revokedThisMonth: 0 }],
    ["an auditor", () => auditor, { open: 2, critical: 0, executed: 0, revokedThisMonth: 0 }],
  ])("%s counts the restricted case only when allowed to see it", async (_who, actor, want) => {
    const d = await getDashboard(actor(), {});
    expect(tile(d, "openCases")).toBe(want.open);
    expect(tile(d, "criticalOpen")).toBe(want.critical);
    expect(d.casesByStatus.find((s) => s.status === "OPEN")!.bySeverity.find((f) => f.label === "CRITICAL")!.value).toBe(want.critical);
    expect(d.openCaseAge[0].value).toBe(want.open);
    expect(d.openCasesPerLead.reduce((s, f) => s + f.value, 0)).toBe(want.open);
    expect(d.openedClosed.at(-1)!.opened.value).toBe(want.open + 1);
    expect(d.openedClosed.at(-1)!.closed.value).toBe(1);
    expect(d.revocations.byStatus.find((f) => f.label === "EXECUTED")!.value).toBe(want.executed);
    expect(d.revocations.executed).toBe(want.executed);
    expect(d.revocations.medianHoursToExecution).toBe(want.executed ? 10 : null);
    expect(tile(d, "accountsRevokedThisMonth")).toBe(want.revokedThisMonth);
    expect(d.accountsRevoked!.at(-1)!.value).toBe(want.revokedThisMonth);
    // The flagged account on the hidden revocation is REVOKED in the registry: never "not yet on a revocation".
    expect(tile(d, "flaggedNotOnRevocation")).toBe(1);
    expect(tile(d, "overdueReviews")).toBe(1);
    expect(d.reviews.overdue.items.map((r) => r.referralBody)).toEqual(["Review board"]);
    expect(d.reviews.byStatus.find((f) => f.label === "DRAFT")!.value).toBe(1);
  });
});

describe("filters", () => {
  it("severity, tag, lead and the period narrow the case figures", async () => {
    expect(tile(await getDashboard(admin, { severity: "HIGH,CRITICAL" }), "openCases")).toBe(2);
    expect(tile(await getDashboard(admin, { tag: "harvest" }), "openCases")).toBe(1);
    expect(tile(await getDashboard(admin, { leadId: member.id }), "openCases")).toBe(3);
    expect(tile(await getDashboard(manager, { leadId: member.id }), "openCases")).toBe(2);
    expect(tile(await getDashboard(admin, { leadId: "none" }), "openCases")).toBe(0);
    const later = await getDashboard(admin, { from: new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10) });
    expect(tile(later, "openCases")).toBe(0);
    expect(later.revocations.executed).toBe(0);
    const lastWeek = await getDashboard(admin, { severity: "CRITICAL", from: new Date(Date.now() - 7 * 24 * HOUR).toISOString().slice(0, 10) });
    expect(tile(lastWeek, "openCases")).toBe(1);
    expect(lastWeek.revocations.executed).toBe(1);
  });

  it("refuses malformed filters naming the field", async () => {
    await expect(getDashboard(admin, { severity: "HUGE" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { "severity.0": expect.any(Array) } } });
    await expect(getDashboard(admin, { from: "yesterday" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { from: expect.any(Array) } } });
  });
});

/** Every figure with a link, and the total of the list that link opens, for this viewer. */
async function linkedTotals(actor: Actor, d: Dashboard): Promise<[string, number, number][]> {
  const figures: Figure[] = [
    ...d.tiles,
    ...d.casesByStatus.flatMap((s) => s.bySeverity),
    ...d.openedClosed.flatMap((w) => [w.opened, w.closed]),
    ...d.openCaseAge,
    ...d.openCasesPerLead,
    ...d.revocations.byStatus,
    ...d.reviews.byStatus,
    ...(d.accountsRevoked ?? []),
  ];
  const out: [string, number, number][] = [];
  for (const f of figures) {
    if (!f.href) continue;
    const url = new URL(f.href, "http://x");
    const params = Object.fromEntries(url.searchParams);
    const list = url.pathname === "/cases" ? listCases : url.pathname === "/actions" ? listActions : listAccounts;
    out.push([f.href, f.value, (await list(actor, params)).total]);
  }
  return out;
}

describe("click-through links", () => {
  it.each([["admin", () => admin], ["member", () => member], ["manager", () => manager], ["outsider", () => outsider]])(
    "each figure's link opens a list of exactly that many (%s)",
    async (_who, actor) => {
      for (const query of [{}, { severity: "CRITICAL,HIGH" }, { tag: "harvest" }]) {
        const totals = await linkedTotals(actor(), await getDashboard(actor(), query));
        expect(totals.length).toBeGreaterThan(30);
        for (const [href, figure, total] of totals) expect(total, href).toBe(figure);
      }
    },
  );
});

describe("time buckets", () => {
  it("puts older open cases in their age bucket and their opening week, and links to exactly them", async () => {
    const day = 24 * HOUR;
    const c45 = await createCase(admin, { tags: ["aged"] });
    const c400 = await createCase(admin, { tags: ["aged"] });
    await db().case.update({ where: { id: c45.id }, data: { createdAt: new Date(Date.now() - 45 * day) } });
    await db().case.update({ where: { id: c400.id }, data: { createdAt: new Date(Date.now() - 400 * day) } });
    const d = await getDashboard(admin, { tag: "aged" });
    expect(d.openCaseAge.map((f) => f.value)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(d.openedClosed.reduce((s, w) => s + w.opened.value, 0)).toBe(1); // 400 days ago is outside the 12 weeks
    for (const [href, figure, total] of await linkedTotals(admin, d)) expect(total, href).toBe(figure);
  });
});
