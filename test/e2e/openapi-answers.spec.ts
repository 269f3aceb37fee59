// Real answers against the OpenAPI document: every documented operation is called with a token on
// the production server (creating what it needs through the API), and each answer body is
// validated against the operation's schema for that status (errors against the Error schema), with
// ajv. The last test fails when a documented operation was not exercised (or listed as exempt with
// a reason), so a new route cannot skip this.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { createToken, createUser } from "./support/cli";
import { writeTestLog } from "../support/ingest-test-log";

test.describe.configure({ mode: "serial" });

type Json = Record<string, unknown>;
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Json }> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

/** Operations not called here, each with the reason. */
const EXEMPT: Record<string, string> = {};

let doc: Document;
let ajv: Ajv2020;
const exercised = new Set<string>();
let investigator: string, manager: string, admin: string, auditor: string;

const pointer = (...tokens: string[]) => tokens.map((t) => encodeURIComponent(t.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/**
 * Calls METHOD template (with {params} filled in), checks that the status is documented for the
 * operation and that the body matches the documented schema of its media type; returns the answer.
 */
async function call(
  request: APIRequestContext,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  template: string,
  opts: { params?: Record<string, string>; query?: string; token?: string | null; data?: unknown; multipart?: Record<string, unknown>; body?: Buffer; contentType?: string; status: number },
): Promise<APIResponse> {
  const url = `/api/v1${template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(opts.params![k]))}${opts.query ? `?${opts.query}` : ""}`;
  const headers: Record<string, string> = {};
  if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? investigator}`;
  if (opts.contentType) headers["content-type"] = opts.contentType;
  const res = await request.fetch(url, { method, headers, data: opts.body ?? opts.data, multipart: opts.multipart as never });
  const key = `${method} ${template}`;
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${key} is documented`).toBeTruthy();
  expect(res.status(), `${key} ${url}: ${res.status()} ${(await res.text()).slice(0, 300)}`).toBe(opts.status);
  const documented = op!.responses[String(opts.status)];
  expect(documented, `${key} documents status ${opts.status}`).toBeTruthy();
  const mediaType = (res.headers()["content-type"] ?? "").split(";")[0].trim();
  if (opts.status === 204) {
    expect(await res.body()).toHaveLength(0);
  } else if (mediaType === "application/json") {
    expect(documented.content?.["application/json"]?.schema, `${key} ${opts.status} has a JSON schema`).toBeTruthy();
    const validate = ajv.getSchema(`doc#/${pointer("paths", template, method.toLowerCase(), "responses", String(opts.status), "content", "application/json", "schema")}`)!;
    const body = await res.json();
    const valid = validate(body);
    expect(valid, `${key} ${opts.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`).toBe(true);
  } else {
    const types = Object.keys(documented.content ?? {}).map((t) => t.split(";")[0]);
    expect(types.includes(mediaType) || types.includes("application/octet-stream"), `${key} ${opts.status}: ${mediaType} is one of ${types.join(", ")}`).toBe(true);
  }
  exercised.add(key);
  return res;
}

test.beforeAll(async ({ request }) => {
  investigator = createToken(createUser("INVESTIGATOR").email);
  manager = createToken(createUser("MANAGER").email);
  admin = createToken(createUser("ADMIN").email);
  auditor = createToken(createUser("AUDITOR").email);
  doc = (await (await request.get("/api/v1/openapi.json")).json()) as Document;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("binary", true);
  ajv.addSchema(doc as object, "doc");
});

const run = Date.now().toString(36);
let caseId: string, caseNumber: string, logId: string, docId: string, accountA: string, accountB: string;

test("cases, notes and errors", async ({ request }) => {
  const c = await (await call(request, "POST", "/cases", { data: { title: `OpenAPI answers ${run}`, summary: "typed", severity: "HIGH", tags: ["openapi"] }, status: 201 })).json();
  caseId = c.id;
  caseNumber = c.number;
  await call(request, "GET", "/cases", { query: `q=${run}`, status: 200 });
  await call(request, "GET", "/cases", { query: "format=csv&tag=openapi", status: 200 });
  await call(request, "GET", "/cases/{id}", { params: { id: caseNumber }, status: 200 });
  await call(request, "PATCH", "/cases/{id}", { params: { id: caseId }, data: { summary: "edited", version: c.version }, status: 200 });
  await call(request, "PATCH", "/cases/{id}", { params: { id: caseId }, data: { summary: "stale", version: c.version }, status: 409 });
  await call(request, "POST", "/cases/{id}/transitions", { params: { id: caseId }, data: { to: "ACTIVE" }, status: 200 });
  await call(request, "POST", "/cases/{id}/notes", { params: { id: caseId }, data: { body: "Shared IP **confirmed**" }, status: 201 });
  await call(request, "GET", "/cases/{id}/notes", { params: { id: caseId }, status: 200 });
  // Errors answer in the Error shape.
  await call(request, "GET", "/cases/{id}", { params: { id: "LAN-1999-9999" }, status: 404 });
  await call(request, "GET", "/cases", { token: null, status: 401 });
  await call(request, "POST", "/cases", { data: {}, status: 400 });
  await call(request, "POST", "/cases", { token: auditor, data: { title: "Not mine to open" }, status: 403 });
});

test("evidence, custody, preview, verify, ingest and distillation", async ({ request }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-openapi-"));
  const file = path.join(dir, "usage.jsonl");
  await writeTestLog(file, { lines: 300, badEvery: 101, blankEvery: 0 });
  const log = await (
    await call(request, "POST", "/cases/{id}/evidence", {
      params: { id: caseId },
      multipart: { kind: "API_LOG", title: `Usage log ${run}`, source: "gateway", file: { name: "usage.jsonl", mimeType: "application/x-ndjson", buffer: fs.readFileSync(file) } },
      status: 201,
    })
  ).json();
  fs.rmSync(dir, { recursive: true, force: true });
  logId = log.id;
  const other = await (
    await call(request, "POST", "/cases/{id}/evidence", {
      params: { id: caseId },
      multipart: { kind: "DOCUMENT", title: "Notes to remove", file: { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(`notes ${run}\n`) } },
      status: 201,
    })
  ).json();
  docId = other.id;
  await call(request, "GET", "/cases/{id}/evidence", { params: { id: caseId }, status: 200 });
  await call(request, "GET", "/evidence", { query: `q=${encodeURIComponent(`Usage log ${run}`)}`, status: 200 });
  await call(request, "GET", "/evidence/{id}", { params: { id: logId }, status: 200 });
  await call(request, "PATCH", "/evidence/{id}", { params: { id: logId }, data: { description: "the gateway's usage log", version: log.version }, status: 200 });
  await call(request, "GET", "/evidence/{id}/content", { params: { id: logId }, status: 200 });
  await call(request, "GET", "/evidence/{id}/preview", { params: { id: logId }, status: 200 });
  await call(request, "GET", "/evidence/{id}/preview", { params: { id: docId }, status: 200 });
  await call(request, "POST", "/evidence/{id}/verify", { params: { id: logId }, status: 200 });
  await call(request, "GET", "/evidence/{id}/custody", { params: { id: logId }, status: 200 });
  await call(request, "DELETE", "/evidence/{id}", { params: { id: docId }, token: investigator, data: { reason: "filed in error" }, status: 403 });
  await call(request, "DELETE", "/evidence/{id}", { params: { id: docId }, token: admin, data: { reason: "filed in error" }, status: 200 });

  const started = await (await call(request, "POST", "/evidence/{id}/ingest", { params: { id: logId }, status: 202 })).json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/ingest-runs/${started.id}`, { headers: { Authorization: `Bearer ${investigator}` } })).json()).state, { timeout: 60_000 })
    .toBe("COMPLETED");
  await call(request, "GET", "/ingest-runs/{id}", { params: { id: started.id }, status: 200 });
  await call(request, "GET", "/cases/{id}/distillation", { params: { id: caseId }, status: 200 });
  await call(request, "POST", "/cases/{id}/distillation/report", { params: { id: caseId }, data: {}, status: 201 });
});

test("accounts, case accounts, sightings, links, clusters and graphs", async ({ request }) => {
  const a = await (await call(request, "POST", "/accounts", { data: { externalId: `oa-${run}-a`, displayName: "Alpha", attributes: [{ type: "IP", value: "203.0.113.77" }] }, status: 201 })).json();
  const b = await (await call(request, "POST", "/accounts", { data: { externalId: `oa-${run}-b`, displayName: "Beta", attributes: [{ type: "IP", value: "203.0.113.78" }] }, status: 201 })).json();
  accountA = a.id;
  accountB = b.id;
  await call(request, "POST", "/accounts", { data: { externalId: `oa-${run}-a` }, status: 409 });
  await call(request, "GET", "/accounts", { query: `q=oa-${run}`, status: 200 });
  await call(request, "GET", "/accounts", { query: `q=oa-${run}&format=csv`, status: 200 });
  await call(request, "GET", "/accounts/{id}", { params: { id: accountA }, status: 200 });
  await call(request, "PATCH", "/accounts/{id}", { params: { id: accountA }, data: { displayName: "Alpha One", version: a.version }, status: 200 });
  await call(request, "GET", "/accounts/{id}/history", { params: { id: accountA }, status: 200 });
  await call(request, "POST", "/accounts/import", {
    query: "dryRun=true",
    multipart: { file: { name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(`externalId,displayName\noa-${run}-c,Gamma\n`) } },
    status: 200,
  });
  await call(request, "POST", "/cases/{id}/accounts", { params: { id: caseId }, data: { accountId: accountA, role: "SUBJECT" }, status: 201 });
  await call(request, "POST", "/cases/{id}/accounts", { params: { id: caseId }, data: { accounts: [{ accountId: accountB, role: "ASSOCIATE" }] }, status: 201 });
  await call(request, "GET", "/cases/{id}/accounts", { params: { id: caseId }, status: 200 });
  await call(request, "GET", "/accounts/{id}/sightings", { params: { id: accountA }, status: 200 });
  await call(request, "GET", "/cases/{id}/sightings", { params: { id: caseId }, status: 200 });
  const link = await (await call(request, "POST", "/account-links", { data: { accountIds: [accountA, accountB], reason: "same operator", confidence: 0.9 }, status: 201 })).json();
  await call(request, "GET", "/account-links", { status: 200 });
  await call(request, "GET", "/account-links/{id}", { params: { id: link.id }, status: 200 });
  await call(request, "PATCH", "/account-links/{id}", { params: { id: link.id }, data: { status: "ACCEPTED" }, status: 200 });
  await call(request, "GET", "/account-clusters", { status: 200 });
  await call(request, "GET", "/account-clusters/{id}", { params: { id: accountA }, status: 200 });
  await call(request, "GET", "/account-clusters/{id}/graph", { params: { id: accountA }, status: 200 });
  await call(request, "GET", "/cases/{id}/graph", { params: { id: caseId }, status: 200 });
});

test("actions, dashboard, audit, case files and STIX", async ({ request }) => {
  const action = await (
    await call(request, "POST", "/cases/{id}/actions", {
      params: { id: caseId },
      data: { type: "ACCESS_REVOCATION", justification: "Bulk distillation", targetAccountIds: [accountA], evidenceIds: [logId] },
      status: 201,
    })
  ).json();
  await call(request, "GET", "/cases/{id}/actions", { params: { id: caseId }, status: 200 });
  await call(request, "GET", "/actions", { status: 200 });
  await call(request, "GET", "/actions/{id}", { params: { id: action.id }, status: 200 });
  await call(request, "POST", "/actions/{id}/transitions", { params: { id: action.id }, token: manager, data: { to: "APPROVED", comment: "agreed" }, status: 200 });
  await call(request, "POST", "/actions/{id}/transitions", { params: { id: action.id }, token: manager, data: { to: "VERIFIED" }, status: 409 });

  await call(request, "GET", "/dashboard", { token: manager, status: 200 });
  await call(request, "GET", "/dashboard/charts/{chart}", { params: { chart: "tiles" }, token: manager, status: 200 });

  await call(request, "GET", "/audit", { token: admin, status: 200 });
  await call(request, "GET", "/audit", { token: auditor, status: 200 });
  await call(request, "GET", "/audit", { token: investigator, query: `caseId=${caseId}`, status: 200 });
  await call(request, "GET", "/audit", { token: admin, query: `caseId=${caseId}&format=csv`, status: 200 });
  await call(request, "GET", "/audit/verify", { token: admin, status: 200 });
  await call(request, "GET", "/audit/checkpoint", { token: auditor, status: 200 });

  const zip = await (await call(request, "GET", "/cases/{id}/export", { params: { id: caseId }, status: 200 })).body();
  await call(request, "POST", "/case-files/verify", { body: zip, contentType: "application/zip", status: 200 });
  await call(request, "GET", "/signing-key", { token: null, status: 200 });
  await call(request, "GET", "/cases/{id}/stix", { params: { id: caseId }, status: 200 });
  await call(request, "DELETE", "/cases/{id}/accounts/{accountId}", { params: { id: caseId, accountId: accountB }, status: 204 });
});

test("every documented operation was exercised (or is exempt with a reason)", () => {
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  const missing = documented.filter((k) => !exercised.has(k) && !EXEMPT[k]);
  expect(missing, "call these in openapi-answers.spec.ts (or list them in EXEMPT with a reason)").toEqual([]);
  expect(Object.keys(EXEMPT).filter((k) => !documented.includes(k))).toEqual([]);
});
