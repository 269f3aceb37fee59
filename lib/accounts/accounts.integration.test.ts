// The account registry through lib/: create (201-shaped detail, 409 on a duplicate external id),
// get, update (audited, versioned, attributes replaced), list (search, filters, sort, paging) and
// the history of an account's changes from the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { createAccount } from "@/lib/accounts/create-account";
import { getAccount, listAccountHistory } from "@/lib/accounts/get-account";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { updateAccount } from "@/lib/accounts/update-account";
import { db } from "@/lib/db/client";
import { createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor;
let auditor: Actor;

beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
});

describe("creating an account", () => {
  it("stores the fields, normalizes attributes and audits the creation", async () => {
    const a = await createAccount(ctxFor(investigator), {
      externalId: "org-acme-001",
      displayName: "Acme harvester",
      emails: ["Ops@Acme.test", "ops@acme.test", "billing@acme.test"],
      organization: "Acme",
      country: "de",
      providerCreatedAt: "2025-01-02",
      riskScore: 80,
      attributes: [
        { type: "IP", value: " ::ffff:203.0.113.7 " },
        { type: "IP", value: "203.0.113.7" },
        { type: "EMAIL_DOMAIN", value: "@ACME.Test" },
        { type: "PAYMENT_FINGERPRINT", value: "pf_91a8c2d4e5" },
      ],
    });
    expect(a).toMatchObject({
      externalId: "org-acme-001",
      displayName: "Acme harvester",
      emails: ["ops@acme.test", "billing@acme.test"],
      organization: "Acme",
      country: "DE",
      providerCreatedAt: "2025-01-02T00:00:00.000Z",
      status: "ACTIVE",
      riskScore: 80,
      version: 1,
      caseCount: 0,
      cases: [],
    });
    expect(a.attributes.map((x) => [x.type, x.value])).toEqual([
      ["EMAIL_DOMAIN", "acme.test"],
      ["IP", "203.0.113.7"],
      ["PAYMENT_FINGERPRINT", "pf_91a8c2d4e5"],
    ]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityType: "Account", entityId: a.id } });
    expect(event.action).toBe("account.create");
    expect(event.actorId).toBe(investigator.id);
  });

  it("answers 409 on a duplicate external id and writes nothing", async () => {
    await createAccount(ctxFor(investigator), { externalId: "dup-1" });
    const before = await db().auditEvent.count();
    const e = await expectAppError(createAccount(ctxFor(investigator), { externalId: "dup-1" }));
    expect(e.status).toBe(409);
    expect(await db().account.count({ where: { externalId: "dup-1" } })).toBe(1);
    expect(await db().auditEvent.count()).toBe(before);
  });

  it("answers 400 naming the fields for bad input", async () => {
    const e = await expectAppError(
      createAccount(ctxFor(investigator), { externalId: "", riskScore: 101, country: "Germany", attributes: [{ type: "IP", value: "999.1.1.1" }] }),
    );
    expect(e.status).toBe(400);
    expect(Object.keys((e.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["attributes.0.value", "country", "externalId", "riskScore"]);
  });

  it("is refused to an auditor (403)", async () => {
    const e = await expectAppError(createAccount(ctxFor(auditor), { externalId: "auditor-try" }));
    expect(e.status).toBe(403);
  });
});

describe("reading and updating an account", () => {
  it("gets by id or external id, and 404s for an unknown one", async () => {
    const a = await createAccount(ctxFor(investigator), { externalId: "get-me" });
    expect((await getAccount(auditor, a.id)).externalId).toBe("get-me");
    expect((await getAccount(auditor, "get-me")).id).toBe(a.id);
    expect((await expectAppError(getAccount(auditor, "nope"))).status).toBe(404);
  });

  it("updates the given fields, replaces attributes, bumps the version and audits the diff", async () => {
    const a = await createAccount(ctxFor(investigator), {
      externalId: "upd-1",
      attributes: [{ type: "IP", value: "198.51.100.1" }, { type: "DEVICE_ID", value: "dev-1" }],
    });
    const b = await updateAccount(ctxFor(investigator), a.id, {
      status: "SUSPENDED",
      riskScore: 55,
      attributes: [{ type: "IP", value: "198.51.100.1" }, { type: "API_KEY", value: "key-9" }],
      version: 1,
    });
    expect(b).toMatchObject({ status: "SUSPENDED", riskScore: 55, version: 2 });
    expect(b.attributes.map((x) => x.value).sort()).toEqual(["198.51.100.1", "key-9"]);
    const history = await listAccountHistory(auditor, a.id);
    expect(history.items.map((e) => e.action)).toEqual(["account.update", "account.create"]);
    const changes = history.items[0].changes as Record<string, { before: unknown; after: unknown }>;
    expect(changes.status).toEqual({ before: "ACTIVE", after: "SUSPENDED" });
    expect(Object.keys(changes).sort()).toEqual(["attributes", "riskScore", "status"]);
  });

  it("answers 409 to a stale version and to taking another account's external id", async () => {
    const a = await createAccount(ctxFor(investigator), { externalId: "upd-2" });
    await createAccount(ctxFor(investigator), { externalId: "upd-3" });
    await updateAccount(ctxFor(investigator), a.id, { displayName: "first", version: 1 });
    expect((await expectAppError(updateAccount(ctxFor(investigator), a.id, { displayName: "stale", version: 1 }))).status).toBe(409);
    expect((await expectAppError(updateAccount(ctxFor(investigator), a.id, { externalId: "upd-3" }))).status).toBe(409);
    expect((await getAccount(investigator, a.id)).displayName).toBe("first");
  });

  it("writes nothing for a no-op update", async () => {
    const a = await createAccount(ctxFor(investigator), { externalId: "noop-1", riskScore: 5 });
    const before = await db().auditEvent.count();
    const b = await updateAccount(ctxFor(investigator), a.id, { riskScore: 5 });
    expect(b.version).toBe(1);
    expect(await db().auditEvent.count()).toBe(before);
  });
});

describe("listing accounts", () => {
  beforeAll(async () => {
    const w = ctxFor(investigator);
    await createAccount(w, { externalId: "list-a", displayName: "Zeta bot", organization: "Listco", country: "US", riskScore: 10, emails: ["z@listco.test"] });
    await createAccount(w, { externalId: "list-b", displayName: "Alpha bot", organization: "Listco", country: "FR", riskScore: 90, status: "REVOKED", attributes: [{ type: "API_KEY", value: "sk-list-b" }] });
    await createAccount(w, { externalId: "list-c", displayName: "Mid bot", organization: "Listco", country: "US", riskScore: 50, attributes: [{ type: "IP", value: "192.0.2.77" }] });
  });

  const ids = (p: { items: { externalId: string }[] }) => p.items.map((i) => i.externalId);

  it("filters by organization, status, country, risk range and attribute type", async () => {
    expect(ids(await listAccounts(auditor, { organization: "Listco", sort: "externalId", order: "asc" }))).toEqual(["list-a", "list-b", "list-c"]);
    expect(ids(await listAccounts(auditor, { organization: "Listco", status: "REVOKED" }))).toEqual(["list-b"]);
    expect(ids(await listAccounts(auditor, { organization: "Listco", country: "us", sort: "risk", order: "desc" }))).toEqual(["list-c", "list-a"]);
    expect(ids(await listAccounts(auditor, { organization: "Listco", riskMin: 40, riskMax: 60 }))).toEqual(["list-c"]);
    expect(ids(await listAccounts(auditor, { organization: "Listco", attributeType: "API_KEY,IP", sort: "name", order: "asc" }))).toEqual(["list-b", "list-c"]);
  });

  it("searches external id, name, email, organization and attribute values", async () => {
    expect(ids(await listAccounts(auditor, { q: "list-b" }))).toEqual(["list-b"]);
    expect(ids(await listAccounts(auditor, { q: "zeta" }))).toEqual(["list-a"]);
    expect(ids(await listAccounts(auditor, { q: "z@listco" }))).toEqual(["list-a"]);
    expect(ids(await listAccounts(auditor, { q: "192.0.2.77" }))).toEqual(["list-c"]);
    expect((await listAccounts(auditor, { q: "listco" })).total).toBe(3);
  });

  it("pages with a total and refuses pageSize over 200", async () => {
    const p = await listAccounts(auditor, { organization: "Listco", sort: "externalId", order: "asc", page: 2, pageSize: 2 });
    expect(p).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(p)).toEqual(["list-c"]);
    expect(p.items[0].attributeCount).toBe(1);
    expect((await expectAppError(listAccounts(auditor, { pageSize: 201 }))).status).toBe(400);
  });
});
