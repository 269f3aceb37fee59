// Accounts on cases: attach several at once with roles, change a role, detach (each audited with
// the case), and sightings: "203.0.113.7 is also on LAN-…".
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { attachAccounts, detachAccount, listCaseAccounts } from "@/lib/accounts/case-accounts";
import { getAccountSightings, getCaseSightings } from "@/lib/accounts/sightings";
import { db } from "@/lib/db/client";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let lead: Actor;

beforeAll(async () => {
  lead = await createUser({ role: "INVESTIGATOR" });
});

describe("attaching accounts to a case", () => {
  it("attaches several at once, changes a role on re-attach, detaches, and audits each change with the case", async () => {
    const c = await createCase(lead);
    const a = await createAccount(lead);
    const b = await createAccount(lead);
    const attached = await attachAccounts(ctxFor(lead), c.id, { accounts: [{ accountId: a.id, role: "SUBJECT" }, { accountId: b.externalId, role: "ASSOCIATE" }] });
    expect(attached.map((x) => [x.account.externalId, x.role])).toEqual([[a.externalId, "SUBJECT"], [b.externalId, "ASSOCIATE"]]);
    expect(attached[0].account.caseCount).toBe(1);
    await attachAccounts(ctxFor(lead), c.number, { accountId: b.id, role: "VICTIM" });
    await attachAccounts(ctxFor(lead), c.id, { accountId: b.id, role: "VICTIM" }); // same role: nothing to record
    expect((await listCaseAccounts(lead, c.id)).map((x) => x.role)).toEqual(["SUBJECT", "VICTIM"]);
    await detachAccount(ctxFor(lead), c.id, a.id);
    expect((await listCaseAccounts(lead, c.id)).map((x) => x.accountId)).toEqual([b.id]);
    expect((await expectAppError(detachAccount(ctxFor(lead), c.id, a.id))).status).toBe(404);
    const events = await db().auditEvent.findMany({ where: { caseId: c.id, entityType: "Account" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["account.attach", "account.attach", "account.case-role", "account.detach"]);
  });

  it("refuses an unknown account (404) and a bad role (400), attaching nothing", async () => {
    const c = await createCase(lead);
    const a = await createAccount(lead);
    expect((await expectAppError(attachAccounts(ctxFor(lead), c.id, { accounts: [{ accountId: a.id }, { accountId: "missing" }] }))).status).toBe(404);
    expect((await expectAppError(attachAccounts(ctxFor(lead), c.id, { accountId: a.id, role: "BOSS" }))).status).toBe(400);
    expect(await listCaseAccounts(lead, c.id)).toEqual([]);
  });
});

describe("sightings", () => {
  it("shows where an account and its values (carried by other accounts) also appear", async () => {
    const one = await createCase(lead);
    const two = await createCase(lead);
    const ip = { type: "IP" as const, value: "203.0.113.77" };
    const a = await createAccount(lead, { attributes: [ip, { type: "DEVICE_ID", value: "dev-sight" }] });
    const b = await createAccount(lead, { attributes: [ip] });
    await attachAccounts(ctxFor(lead), one.id, { accountId: a.id, role: "SUBJECT" });
    await attachAccounts(ctxFor(lead), two.id, { accountId: b.id, role: "SUBJECT" });
    await attachAccounts(ctxFor(lead), two.id, { accountId: a.id, role: "ASSOCIATE" });

    const forOne = await getCaseSightings(lead, one.id);
    expect(forOne.accounts).toEqual([{ account: expect.objectContaining({ id: a.id }), cases: [expect.objectContaining({ number: two.number })] }]);
    expect(forOne.values).toEqual([expect.objectContaining({ type: "IP", value: "203.0.113.77", accountCount: 2, accountIds: [a.id], cases: [expect.objectContaining({ number: two.number })] })]);

    const forB = await getAccountSightings(lead, b.id);
    expect(forB.cases.map((x) => x.number)).toEqual([two.number]);
    expect(forB.values).toEqual([{ type: "IP", value: "203.0.113.77", accountCount: 2, noise: false, cases: expect.arrayContaining([expect.objectContaining({ number: one.number }), expect.objectContaining({ number: two.number })]) }]);
  });
});
