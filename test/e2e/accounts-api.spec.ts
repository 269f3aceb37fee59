// The accounts REST API over real HTTP: accounts (201/409/400/404/403), import (dry run, real run,
// re-run unchanged, bad rows with lines), case accounts (restricted cases answer 404 to outsiders),
// links (manual, self-link 400, suggested ones accepted by PATCH) and clusters.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createToken, createUser } from "./support/cli";

let investigator: string, outsider: string, auditor: string;
const run = randomUUID().slice(0, 8);

test.beforeAll(() => {
  investigator = createToken(createUser("INVESTIGATOR").email);
  outsider = createToken(createUser("INVESTIGATOR").email);
  auditor = createToken(createUser("AUDITOR").email);
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectError(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, code: string) {
  expect(res.status()).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; details: { fieldErrors?: Record<string, string[]> } | null } };
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error;
}

test("creates, reads, lists and edits an account; 409, 400, 404 and 403 where the contract says", async ({ request }) => {
  const externalId = `e2e-${run}-1`;
  const created = await request.post("/api/v1/accounts", {
    headers: auth(investigator),
    data: { externalId, displayName: "Harvester", organization: `Org ${run}`, riskScore: 70, attributes: [{ type: "IP", value: "::ffff:198.51.100.9" }] },
  });
  expect(created.status()).toBe(201);
  const a = await created.json();
  expect(a).toMatchObject({ id: expect.any(String), externalId, status: "ACTIVE", attributes: [{ type: "IP", value: "198.51.100.9" }] });

  await expectError(await request.post("/api/v1/accounts", { headers: auth(investigator), data: { externalId } }), 409, "CONFLICT");
  const bad = await expectError(await request.post("/api/v1/accounts", { headers: auth(investigator), data: { externalId: "x", riskScore: 500 } }), 400, "INVALID_INPUT");
  expect(Object.keys(bad.details?.fieldErrors ?? {})).toEqual(["riskScore"]);
  await expectError(await request.post("/api/v1/accounts", { headers: auth(auditor), data: { externalId: `e2e-${run}-aud` } }), 403, "FORBIDDEN");
  await expectError(await request.get("/api/v1/accounts/does-not-exist", { headers: auth(auditor) }), 404, "NOT_FOUND");

  expect((await (await request.get(`/api/v1/accounts/${externalId}`, { headers: auth(auditor) })).json()).id).toBe(a.id);
  const list = await (await request.get(`/api/v1/accounts?organization=${encodeURIComponent(`Org ${run}`)}&pageSize=5`, { headers: auth(auditor) })).json();
  expect(list).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ id: a.id }] });
  await expectError(await request.get("/api/v1/accounts?pageSize=201", { headers: auth(auditor) }), 400, "INVALID_INPUT");

  const patched = await request.patch(`/api/v1/accounts/${a.id}`, { headers: auth(investigator), data: { status: "SUSPENDED", version: a.version } });
  expect((await patched.json()).status).toBe("SUSPENDED");
  await expectError(await request.patch(`/api/v1/accounts/${a.id}`, { headers: auth(investigator), data: { status: "ACTIVE", version: a.version } }), 409, "CONFLICT");
  const history = await (await request.get(`/api/v1/accounts/${a.id}/history`, { headers: auth(auditor) })).json();
  expect(history.items.map((e: { action: string }) => e.action)).toEqual(["account.update", "account.create"]);
});

test("imports a CSV: dry run, real run, re-run unchanged, bad rows with their lines", async ({ request }) => {
  const csv = [
    "externalId,displayName,organization,IP,PAYMENT_FINGERPRINT",
    `imp-${run}-1,One,Imp ${run},203.0.113.50,pf_${run}_shared`,
    `imp-${run}-2,Two,Imp ${run},203.0.113.51,pf_${run}_shared`,
    `imp-${run}-3,Bad,Imp ${run},not-an-ip,`,
  ].join("\n");
  const post = (dryRun: boolean) =>
    request.post(`/api/v1/accounts/import${dryRun ? "?dryRun=true" : ""}`, {
      headers: auth(investigator),
      multipart: { file: { name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
    });
  const dry = await (await post(true)).json();
  expect(dry).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0, refused: 1, errors: [{ line: 4, reason: expect.stringContaining("not an IP address") }] });
  expect((await (await request.get(`/api/v1/accounts?organization=${encodeURIComponent(`Imp ${run}`)}`, { headers: auth(auditor) })).json()).total).toBe(0);

  const real = await post(false);
  expect(real.status()).toBe(200);
  expect(await real.json()).toMatchObject({ dryRun: false, created: 2, refused: 1 });
  expect(await (await post(false)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 1 });

  // The two share a payment fingerprint: a suggested link, accepted by PATCH, makes a cluster.
  const one = await (await request.get(`/api/v1/accounts/imp-${run}-1`, { headers: auth(auditor) })).json();
  const suggested = await (await request.get(`/api/v1/account-links?status=SUGGESTED&accountId=${one.id}`, { headers: auth(auditor) })).json();
  expect(suggested.total).toBe(1);
  expect(suggested.items[0].explanation).toContain("share payment fingerprint");
  await expectError(await request.patch(`/api/v1/account-links/${suggested.items[0].id}`, { headers: auth(auditor), data: { status: "ACCEPTED" } }), 403, "FORBIDDEN");
  await expectError(await request.patch(`/api/v1/account-links/${suggested.items[0].id}`, { headers: auth(investigator), data: { status: "MAYBE" } }), 400, "INVALID_INPUT");
  const accepted = await request.patch(`/api/v1/account-links/${suggested.items[0].id}`, { headers: auth(investigator), data: { status: "ACCEPTED" } });
  expect((await accepted.json()).status).toBe("ACCEPTED");
  const cluster = await (await request.get(`/api/v1/account-clusters/${one.id}`, { headers: auth(auditor) })).json();
  expect(cluster).toMatchObject({ size: 2, strongestReasons: [{ reason: "shared payment fingerprint" }] });
  const graph = await (await request.get(`/api/v1/account-clusters/${one.id}/graph`, { headers: auth(auditor) })).json();
  expect(graph.nodes).toHaveLength(2);
  expect(graph.edges).toEqual([expect.objectContaining({ state: "ACCEPTED" })]);

  await expectError(
    await request.post("/api/v1/accounts/import", { headers: auth(investigator), multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("name\nx") } } }),
    400,
    "INVALID_INPUT",
  );
});

test("attaches accounts to cases; a restricted case's accounts are 404 to outsiders; manual links", async ({ request }) => {
  const mk = async (n: number) => (await (await request.post("/api/v1/accounts", { headers: auth(investigator), data: { externalId: `case-${run}-${n}` } })).json()) as { id: string };
  const [a, b] = [await mk(1), await mk(2)];
  const open = await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: `Accounts case ${run}` } })).json();
  const secret = await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: `Restricted ${run}`, restricted: true } })).json();

  const attached = await request.post(`/api/v1/cases/${open.id}/accounts`, { headers: auth(investigator), data: { accountId: a.id, role: "SUBJECT" } });
  expect(attached.status()).toBe(201);
  expect(await attached.json()).toMatchObject({ accountId: a.id, role: "SUBJECT" });
  await expectError(await request.post(`/api/v1/cases/${open.id}/accounts`, { headers: auth(outsider), data: { accountId: b.id, role: "SUBJECT" } }), 403, "FORBIDDEN");
  await expectError(await request.post(`/api/v1/cases/${open.id}/accounts`, { headers: auth(investigator), data: { accountId: b.id, role: "BOSS" } }), 400, "INVALID_INPUT");
  const listed = await (await request.get(`/api/v1/cases/${open.id}/accounts`, { headers: auth(auditor) })).json();
  expect(listed.items.map((x: { accountId: string }) => x.accountId)).toEqual([a.id]);

  await request.post(`/api/v1/cases/${secret.id}/accounts`, { headers: auth(investigator), data: { accountId: a.id, role: "ASSOCIATE" } });
  await expectError(await request.get(`/api/v1/cases/${secret.id}/accounts`, { headers: auth(outsider) }), 404, "NOT_FOUND");
  const seenByOutsider = await (await request.get(`/api/v1/accounts/${a.id}`, { headers: auth(outsider) })).json();
  expect(seenByOutsider.cases.map((x: { id: string }) => x.id)).toEqual([open.id]);
  expect(seenByOutsider.caseCount).toBe(1);

  const removed = await request.delete(`/api/v1/cases/${open.id}/accounts/${a.id}`, { headers: auth(investigator) });
  expect(removed.status()).toBe(204);
  await expectError(await request.delete(`/api/v1/cases/${open.id}/accounts/${a.id}`, { headers: auth(investigator) }), 404, "NOT_FOUND");

  const link = await request.post("/api/v1/account-links", { headers: auth(investigator), data: { accountIds: [a.id, b.id], reason: "same operator", confidence: 0.8, evidenceIds: [] } });
  expect(link.status()).toBe(201);
  expect(await link.json()).toMatchObject({ source: "MANUAL", status: "ACCEPTED", confidence: 0.8 });
  await expectError(await request.post("/api/v1/account-links", { headers: auth(investigator), data: { accountIds: [a.id, a.id], reason: "self", confidence: 0.5 } }), 400, "INVALID_INPUT");
  await expectError(await request.post("/api/v1/account-links", { headers: auth(investigator), data: { accountIds: [a.id, b.id], reason: "too sure", confidence: 2 } }), 400, "INVALID_INPUT");
  const links = await (await request.get(`/api/v1/account-links?accountId=${b.id}&status=ACCEPTED`, { headers: auth(auditor) })).json();
  expect(links.total).toBe(1);
});
