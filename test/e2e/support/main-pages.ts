// The main pages of the app, with data on them, for the checks every page must pass (axe at both
// sizes, no horizontal overflow on a phone: test/e2e/page-checks.spec.ts). ONE list: a new page
// gets a line in MAIN_PAGES (and, if it needs data, a few lines in seedMainPages).
import type { APIRequestContext } from "@playwright/test";

export type MainPage = { name: string; path: string };

export type Seed = {
  caseNumber: string;
  closedCaseNumber: string;
  evidenceId: string;
  jsonlEvidenceId: string;
  accountId: string;
  actionId: string;
  ingestRunId: string;
};

/** Every main page; `seed` supplies the ids of the data seedMainPages made. */
export const MAIN_PAGES: ((seed: Seed) => MainPage)[] = [
  () => ({ name: "sign-in", path: "/login" }),
  () => ({ name: "home", path: "/" }),
  () => ({ name: "dashboard", path: "/dashboard" }),
  () => ({ name: "cases", path: "/cases" }),
  () => ({ name: "new case", path: "/cases/new" }),
  (s) => ({ name: "case", path: `/cases/${s.caseNumber}` }),
  (s) => ({ name: "closed case", path: `/cases/${s.closedCaseNumber}` }),
  (s) => ({ name: "edit case", path: `/cases/${s.caseNumber}/edit` }),
  (s) => ({ name: "case graph", path: `/cases/${s.caseNumber}/graph` }),
  (s) => ({ name: "case distillation", path: `/cases/${s.caseNumber}/distillation` }),
  (s) => ({ name: "ingest run", path: `/cases/${s.caseNumber}/ingest-runs/${s.ingestRunId}` }),
  () => ({ name: "verify a case file", path: "/case-files/verify" }),
  () => ({ name: "evidence search", path: "/evidence" }),
  (s) => ({ name: "evidence item", path: `/evidence/${s.evidenceId}` }),
  (s) => ({ name: "evidence preview", path: `/evidence/${s.jsonlEvidenceId}?preview=1` }),
  (s) => ({ name: "evidence text preview", path: `/evidence/${s.evidenceId}?preview=1` }),
  () => ({ name: "accounts", path: "/accounts" }),
  () => ({ name: "new account", path: "/accounts/new" }),
  () => ({ name: "account import", path: "/accounts/import" }),
  (s) => ({ name: "account", path: `/accounts/${s.accountId}` }),
  (s) => ({ name: "edit account", path: `/accounts/${s.accountId}/edit` }),
  () => ({ name: "clusters", path: "/accounts/clusters" }),
  (s) => ({ name: "cluster", path: `/accounts/clusters/${s.accountId}` }),
  () => ({ name: "actions", path: "/actions" }),
  (s) => ({ name: "action", path: `/actions/${s.actionId}` }),
  () => ({ name: "audit", path: "/audit" }),
  () => ({ name: "inbox", path: "/inbox" }),
  () => ({ name: "admin users", path: "/admin/users" }),
  () => ({ name: "admin jobs", path: "/admin/jobs" }),
  () => ({ name: "admin webhook", path: "/admin/webhook" }),
  () => ({ name: "admin distillation", path: "/admin/distillation" }),
  () => ({ name: "admin security", path: "/admin/security" }),
  () => ({ name: "api tokens", path: "/settings/tokens" }),
  () => ({ name: "profile", path: "/settings/profile" }),
  () => ({ name: "not found", path: "/no-such-page" }),
];

const JSONL = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({ timestamp: `2026-11-0${(i % 9) + 1}T10:00:00Z`, account_id: `acct-${i}`, prompt_tokens: 1200 + i, completion_tokens: 3400, prompt: "Explain step by step ".repeat(8) }),
).join("\n");

/** Data for the pages, made through the API with an admin's token: a case with a long summary, a
 *  note, two evidence items (the API log ingested), two linked accounts and a proposed action; a
 *  second case closed. */
export async function seedMainPages(request: APIRequestContext, token: string): Promise<Seed> {
  const headers = { Authorization: `Bearer ${token}` };
  const post = async (url: string, data: unknown) => {
    const res = await request.post(url, { headers, data });
    if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  const c = await post("/api/v1/cases", {
    title: "Reasoning traces harvested through rotating trial accounts",
    summary: "Bulk chain-of-thought extraction over 40 trial accounts.\n\nSee the gateway log.",
    severity: "HIGH",
    tags: ["harvest", "proxy-network", "chain-of-thought"],
  });
  await post(`/api/v1/cases/${c.id}/notes`, { body: "Shared **payment fingerprint** across accounts; see `gateway.jsonl`." });
  const upload = async (name: string, mimeType: string, kind: string, body: string) => {
    const res = await request.post(`/api/v1/cases/${c.id}/evidence`, {
      headers,
      multipart: { kind, title: `Evidence ${name}`, source: "gateway", file: { name, mimeType, buffer: Buffer.from(body) } },
    });
    if (!res.ok()) throw new Error(`upload ${name}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const doc = await upload("memo.txt", "text/plain", "DOCUMENT", "Line one of the memo\n".repeat(40));
  const jsonl = await upload("gateway.jsonl", "application/x-ndjson", "API_LOG", JSONL);
  const run = Date.now().toString(36);
  const a = await post("/api/v1/accounts", { externalId: `pages-a-${run}`, displayName: "Harvester A", organization: "Example Labs", attributes: [{ type: "IP", value: "203.0.113.7" }] });
  const b = await post("/api/v1/accounts", { externalId: `pages-b-${run}`, displayName: "Harvester B", organization: "Example Labs", attributes: [{ type: "IP", value: "203.0.113.7" }] });
  await post(`/api/v1/cases/${c.id}/accounts`, { accounts: [{ accountId: a.id, role: "SUBJECT" }, { accountId: b.id, role: "ASSOCIATE" }] });
  await post("/api/v1/account-links", { accountIds: [a.id, b.id], reason: "same payment fingerprint", confidence: 0.8, evidenceIds: [] });
  const action = await post(`/api/v1/cases/${c.id}/actions`, { type: "ACCESS_REVOCATION", justification: "Harvesting confirmed", targetAccountIds: [a.id] });
  const ingest = await post(`/api/v1/evidence/${jsonl.id}/ingest`, {});
  const closed = await post("/api/v1/cases", { title: "A closed case", summary: "Done." });
  for (const to of ["ACTIVE", "IN_REVIEW"]) await post(`/api/v1/cases/${closed.id}/transitions`, { to });
  await post(`/api/v1/cases/${closed.id}/transitions`, { to: "CLOSED", resolution: "SUBSTANTIATED" });
  return { caseNumber: c.number, closedCaseNumber: closed.number, evidenceId: doc.id, jsonlEvidenceId: jsonl.id, accountId: a.id, actionId: action.id, ingestRunId: ingest.id };
}
