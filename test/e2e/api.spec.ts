// REST API v1 over real HTTP against the production server: resources, the error shape and every
// status code the contract names.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createToken, createUser } from "./support/cli";

let investigator: string, outsider: string, auditor: string, manager: string;

test.beforeAll(() => {
  investigator = createToken(createUser("INVESTIGATOR").email);
  outsider = createToken(createUser("INVESTIGATOR").email);
  auditor = createToken(createUser("AUDITOR").email);
  manager = createToken(createUser("MANAGER").email);
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectError(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, code: string) {
  expect(res.status()).toBe(status);
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  expect(body.error).toHaveProperty("details");
  return body.error as { code: string; message: string; details: { fieldErrors?: Record<string, string[]> } };
}

test("creates, reads, lists, edits, moves and annotates a case", async ({ request }) => {
  const created = await request.post("/api/v1/cases", {
    headers: auth(investigator),
    data: { title: "Harvesting through 40 trial accounts", summary: "Bulk reasoning traces", severity: "HIGH", tags: ["harvest"] },
  });
  expect(created.status()).toBe(201);
  const c = await created.json();
  expect(c).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^LAN-\d{4}-\d{4}$/), status: "OPEN", severity: "HIGH", restricted: false, tags: ["harvest"] });

  const byNumber = await request.get(`/api/v1/cases/${c.number}`, { headers: auth(auditor) });
  expect((await byNumber.json()).id).toBe(c.id);

  const list = await request.get(`/api/v1/cases?q=${encodeURIComponent("40 trial")}&severity=HIGH&pageSize=5`, { headers: auth(outsider) });
  const page = await list.json();
  expect(page).toMatchObject({ total: 1, page: 1, pageSize: 5 });
  expect(page.items[0].id).toBe(c.id);

  const patched = await request.patch(`/api/v1/cases/${c.id}`, { headers: auth(investigator), data: { summary: "Updated", version: c.version } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).summary).toBe("Updated");

  const moved = await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: auth(investigator), data: { to: "ACTIVE" } });
  expect((await moved.json()).status).toBe("ACTIVE");

  const note = await request.post(`/api/v1/cases/${c.id}/notes`, { headers: auth(investigator), data: { body: "Shared IP **confirmed**" } });
  expect(note.status()).toBe(201);
  const notes = await (await request.get(`/api/v1/cases/${c.id}/notes`, { headers: auth(auditor) })).json();
  expect(notes).toMatchObject({ total: 1, items: [{ body: "Shared IP **confirmed**" }] });
});

test("401 without a token or with a bad one", async ({ request }) => {
  await expectError(await request.get("/api/v1/cases"), 401, "UNAUTHENTICATED");
  await expectError(await request.get("/api/v1/cases", { headers: auth("lan_forged") }), 401, "UNAUTHENTICATED");
});

test("400 names the invalid fields", async ({ request }) => {
  const err = await expectError(
    await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "", severity: "URGENT", restricted: "maybe" } }),
    400,
    "INVALID_INPUT",
  );
  expect(Object.keys(err.details.fieldErrors ?? {}).sort()).toEqual(["restricted", "severity", "title"]);
  await expectError(await request.get("/api/v1/cases?pageSize=500", { headers: auth(investigator) }), 400, "INVALID_INPUT");
  await expectError(
    await request.post("/api/v1/cases", { headers: { ...auth(investigator), "content-type": "application/json" }, data: "{not json" }),
    400,
    "INVALID_INPUT",
  );
});

test("403 when the role may not act", async ({ request }) => {
  await expectError(await request.post("/api/v1/cases", { headers: auth(auditor), data: { title: "Auditors cannot open cases" } }), 403, "FORBIDDEN");
});

test("404 for unknown cases and for restricted cases the caller may not see", async ({ request }) => {
  await expectError(await request.get("/api/v1/cases/LAN-1999-0001", { headers: auth(investigator) }), 404, "NOT_FOUND");
  const secret = await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "National-security referral", restricted: true } })).json();
  for (const token of [outsider, manager, auditor]) {
    await expectError(await request.get(`/api/v1/cases/${secret.id}`, { headers: auth(token) }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/cases/${secret.id}/notes`, { headers: auth(token), data: { body: "x" } }), 404, "NOT_FOUND");
    const listed = await (await request.get(`/api/v1/cases?q=${encodeURIComponent("National-security referral")}`, { headers: auth(token) })).json();
    expect(listed.total).toBe(0);
  }
  expect((await request.get(`/api/v1/cases/${secret.id}`, { headers: auth(investigator) })).status()).toBe(200);
});

test("409 for an illegal transition and for a stale edit", async ({ request }) => {
  const c = await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "Illegal move check" } })).json();
  const err = await expectError(
    await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: auth(investigator), data: { to: "CLOSED", resolution: "REFERRED" } }),
    409,
    "ILLEGAL_TRANSITION",
  );
  expect(err.message).toContain("cannot move from Open to Closed");
  await request.patch(`/api/v1/cases/${c.id}`, { headers: auth(investigator), data: { title: "First edit", version: c.version } });
  await expectError(await request.patch(`/api/v1/cases/${c.id}`, { headers: auth(investigator), data: { title: "Second edit", version: c.version } }), 409, "CONFLICT");
});

test("409 'reopen the case first' for every write to a closed case, until a manager reopens it", async ({ request }) => {
  const c = await (await request.post("/api/v1/cases", { headers: auth(investigator), data: { title: "Closed means closed" } })).json();
  for (const to of ["ACTIVE", "IN_REVIEW"]) await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: auth(investigator), data: { to } });
  const closed = await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: auth(investigator), data: { to: "CLOSED", resolution: "INCONCLUSIVE" } });
  expect((await closed.json()).status).toBe("CLOSED");
  const writes = [
    () => request.patch(`/api/v1/cases/${c.id}`, { headers: auth(investigator), data: { title: "Edited after closing" } }),
    () => request.post(`/api/v1/cases/${c.id}/notes`, { headers: auth(investigator), data: { body: "After closing" } }),
    () => request.post(`/api/v1/cases/${c.id}/evidence`, { headers: auth(investigator), multipart: { kind: "DOCUMENT", title: "Late", file: { name: "late.txt", mimeType: "text/plain", buffer: Buffer.from("late") } } }),
    () => request.post(`/api/v1/cases/${c.id}/accounts`, { headers: auth(investigator), data: { accountId: "acct-after-closing" } }),
  ];
  for (const write of writes) {
    const err = await expectError(await write(), 409, "CONFLICT");
    expect(err.message).toBe("This case is closed: reopen the case first");
  }
  await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: auth(manager), data: { to: "ACTIVE" } });
  expect((await writes[1]()).status()).toBe(201);
});

test("413 for an oversized body, 415 for a body that is not JSON", async ({ request }) => {
  const big = { title: "Too big", summary: "x".repeat(1024 * 1024 + 10) };
  await expectError(await request.post("/api/v1/cases", { headers: auth(investigator), data: big }), 413, "PAYLOAD_TOO_LARGE");
  await expectError(
    await request.post("/api/v1/cases", { headers: { ...auth(investigator), "content-type": "text/plain" }, data: "title=hello" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
});

test("audit trail: the chain for auditors, the events of their cases without sequence numbers for investigators, and verifiable", async ({ request }) => {
  const events = await (await request.get("/api/v1/audit?action=case&pageSize=10", { headers: auth(auditor) })).json();
  expect(events.total).toBeGreaterThan(0);
  expect(events.items[0]).toMatchObject({ kind: "event", seq: expect.any(Number), action: expect.stringMatching(/^case\./), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const theirs = await (await request.get("/api/v1/audit?action=case&pageSize=10", { headers: auth(investigator) })).json();
  expect(theirs.scope).toBe("cases");
  expect(theirs.items[0]).toMatchObject({ kind: "event", caseNumber: expect.stringMatching(/^LAN-/), summary: expect.any(String) });
  expect(theirs.items[0]).not.toHaveProperty("seq");
  const verify = await (await request.get("/api/v1/audit/verify", { headers: auth(auditor) })).json();
  expect(verify).toMatchObject({ ok: true, events: expect.any(Number) });
});

test("openapi.json describes the routes with the request schemas", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/cases", "/cases/{id}", "/cases/{id}/transitions", "/cases/{id}/notes", "/audit", "/audit/verify"]));
  expect(doc.components.schemas.CreateCase.properties.title).toMatchObject({ type: "string", minLength: 3, maxLength: 200 });
  expect(doc.components.schemas.CaseTransition.required).toEqual(["to"]);
  const pageSize = doc.paths["/cases"].get.parameters.find((p: { name: string }) => p.name === "pageSize");
  expect(pageSize.schema.maximum).toBe(200);
});
