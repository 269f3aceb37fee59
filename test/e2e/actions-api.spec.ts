// Actions over real HTTP against the production server: the request shapes of PRODUCT.md, the
// whole revocation (accounts REVOKED, then restored by a reversal), four eyes (403), illegal moves
// (409 naming the allowed ones), a conclusion without an outcome (400 naming the field), the queues,
// and restricted cases' actions answering 404 to outsiders.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createToken, createUser } from "./support/cli";

let investigator: string, manager: string, manager2: string, outsider: string;

test.beforeAll(() => {
  investigator = createToken(createUser("INVESTIGATOR").email);
  manager = createToken(createUser("MANAGER").email);
  manager2 = createToken(createUser("MANAGER").email);
  outsider = createToken(createUser("INVESTIGATOR").email);
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  return request.post(`/api/v1${path}`, { headers: auth(token), data });
}

async function errorOf(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, code: string) {
  expect(res.status()).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
  expect(body.error.code).toBe(code);
  return body.error;
}

async function setup(request: APIRequestContext, opts: { restricted?: boolean } = {}) {
  const seed = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const c = await (await post(request, investigator, "/cases", { title: `Revocation ${seed}`, restricted: opts.restricted ?? false })).json();
  const ids: string[] = [];
  for (const s of ["a", "b"]) {
    const acct = await (await post(request, investigator, "/accounts", { externalId: `act-${seed}-${s}`, displayName: `Actor ${s}` })).json();
    expect((await post(request, investigator, `/cases/${c.id}/accounts`, { accountId: acct.id, role: "SUBJECT" })).status()).toBe(201);
    ids.push(acct.id);
  }
  return { c, ids };
}

test("an access revocation from proposal to execution and reversal", async ({ request }) => {
  const { c, ids } = await setup(request);
  const created = await post(request, investigator, `/cases/${c.id}/actions`, { type: "ACCESS_REVOCATION", justification: "Bulk distillation", targetAccountIds: ids, evidenceIds: [] });
  expect(created.status()).toBe(201);
  const a = await created.json();
  expect(a).toMatchObject({ id: expect.any(String), type: "ACCESS_REVOCATION", status: "PROPOSED", caseId: c.id });

  const listed = await (await request.get(`/api/v1/cases/${c.number}/actions`, { headers: auth(manager) })).json();
  expect(listed).toMatchObject({ total: 1, page: 1, items: [{ id: a.id, status: "PROPOSED" }] });
  const awaiting = await (await request.get("/api/v1/actions?queue=awaiting-approval&pageSize=200", { headers: auth(manager) })).json();
  expect(awaiting.items.map((x: { id: string }) => x.id)).toContain(a.id);

  const early = await errorOf(await post(request, manager, `/actions/${a.id}/transitions`, { to: "EXECUTED", externalReference: "KMS-1" }), 409, "ILLEGAL_TRANSITION");
  expect(early.message).toContain("it can move to Approved or Rejected");
  expect(early.details).toMatchObject({ allowed: ["APPROVED", "REJECTED"] });
  const byInvestigator = await errorOf(await post(request, investigator, `/actions/${a.id}/transitions`, { to: "APPROVED" }), 403, "FORBIDDEN");
  expect(byInvestigator.message).toBe("Only a manager or admin can approve or reject a revocation");

  expect((await post(request, manager, `/actions/${a.id}/transitions`, { to: "APPROVED", comment: "agreed" })).status()).toBe(200);
  const executed = await (await post(request, manager2, `/actions/${a.id}/transitions`, { to: "EXECUTED", externalReference: "KMS-77" })).json();
  expect(executed).toMatchObject({ status: "EXECUTED", externalReference: "KMS-77", executedBy: { email: expect.any(String) } });
  for (const id of ids) expect((await (await request.get(`/api/v1/accounts/${id}`, { headers: auth(investigator) })).json()).status).toBe("REVOKED");

  await errorOf(await post(request, manager, `/actions/${a.id}/transitions`, { to: "REVERSED" }), 400, "INVALID_INPUT");
  const reversed = await (await post(request, manager, `/actions/${a.id}/transitions`, { to: "REVERSED", reason: "wrong operator" })).json();
  expect(reversed.events.map((e: { to: string }) => e.to)).toEqual(["PROPOSED", "APPROVED", "EXECUTED", "REVERSED"]);
  for (const id of ids) expect((await (await request.get(`/api/v1/accounts/${id}`, { headers: auth(investigator) })).json()).status).toBe("ACTIVE");
  const got = await (await request.get(`/api/v1/actions/${a.id}`, { headers: auth(investigator) })).json();
  expect(got).toMatchObject({ status: "REVERSED", final: true, reason: "wrong operator" });
});

test("four eyes: the proposer cannot approve their own revocation", async ({ request }) => {
  const { c, ids } = await setup(request);
  const a = await (await post(request, manager, `/cases/${c.id}/actions`, { type: "ACCESS_REVOCATION", justification: "j", targetAccountIds: ids })).json();
  const own = await errorOf(await post(request, manager, `/actions/${a.id}/transitions`, { to: "APPROVED" }), 403, "FORBIDDEN");
  expect(own.message).toContain("another manager or admin must approve or reject it");
  expect((await post(request, manager2, `/actions/${a.id}/transitions`, { to: "REJECTED", reason: "not enough" })).status()).toBe(200);
});

test("a national-security review restricts its case, needs an outcome to conclude, and is 404 to outsiders", async ({ request }) => {
  const { c } = await setup(request);
  const created = await post(request, investigator, `/cases/${c.id}/actions`, { type: "NATIONAL_SECURITY_REVIEW", referralBody: "Office of Export Enforcement", dueAt: "2030-01-31", classification: "SECRET" });
  expect(created.status()).toBe(201);
  const r = await created.json();
  expect(r).toMatchObject({ status: "DRAFT", referralBody: "Office of Export Enforcement", dueAt: "2030-01-31T23:59:59.000Z" });
  expect((await (await request.get(`/api/v1/cases/${c.id}`, { headers: auth(investigator) })).json()).restricted).toBe(true);
  await errorOf(await request.get(`/api/v1/actions/${r.id}`, { headers: auth(outsider) }), 404, "NOT_FOUND");
  await errorOf(await request.get(`/api/v1/cases/${c.id}/actions`, { headers: auth(outsider) }), 404, "NOT_FOUND");
  await errorOf(await post(request, outsider, `/actions/${r.id}/transitions`, { to: "REFERRED" }), 404, "NOT_FOUND");
  for (const to of ["REFERRED", "UNDER_REVIEW"]) expect((await post(request, investigator, `/actions/${r.id}/transitions`, { to })).status()).toBe(200);
  const noOutcome = await errorOf(await post(request, investigator, `/actions/${r.id}/transitions`, { to: "CONCLUDED" }), 400, "INVALID_INPUT");
  expect(noOutcome.details).toEqual({ fieldErrors: { outcome: ["a conclusion needs an outcome"] } });
  const done = await (await post(request, investigator, `/actions/${r.id}/transitions`, { to: "CONCLUDED", outcome: "Referred onward" })).json();
  expect(done).toMatchObject({ status: "CONCLUDED", outcome: "Referred onward" });
});

test("bad bodies and queries are 400 naming the field; unserved methods 405", async ({ request }) => {
  const { c } = await setup(request);
  const e1 = await errorOf(await post(request, investigator, `/cases/${c.id}/actions`, { type: "ACCESS_REVOCATION", targetAccountIds: [] }), 400, "INVALID_INPUT");
  expect(Object.keys((e1.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["justification", "targetAccountIds"]);
  await errorOf(await post(request, investigator, `/cases/${c.id}/actions`, { type: "SOMETHING" }), 400, "INVALID_INPUT");
  await errorOf(await request.get("/api/v1/actions?queue=all", { headers: auth(investigator) }), 400, "INVALID_INPUT");
  await errorOf(await request.delete("/api/v1/actions", { headers: auth(investigator) }), 405, "METHOD_NOT_ALLOWED");
});
