// POST /api/v1/evidence/{id}/ingest and GET /api/v1/ingest-runs/{id} through their route handlers
// with bearer tokens: 202 with the run, the progress and errors the run page polls, the answers
// checked against the zod schemas the OpenAPI document is made from, and the refusals in the usual
// error shape (404 to outsiders of a restricted case, 409 while a run is active).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/v1/evidence/[id]/ingest/route";
import { GET as runRoute } from "@/app/api/v1/ingest-runs/[id]/route";
import type { Actor } from "@/lib/access/actor";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { ZIngestRun, ZIngestRunDetail } from "@/lib/ingest/ingest-schemas";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

let member: Actor, outsider: Actor;
let memberToken: string, outsiderToken: string;
beforeAll(async () => {
  registerAppJobHandlers();
  member = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  memberToken = (await createApiToken(member.id, SYSTEM_CONTEXT, { name: "ingest" })).token;
  outsiderToken = (await createApiToken(outsider.id, SYSTEM_CONTEXT, { name: "ingest" })).token;
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (id: string, token: string) => ingestRoute(new Request(`http://localhost/api/v1/evidence/${id}/ingest`, { method: "POST", headers: auth(token) }), params(id));
const get = (id: string, token: string, query = "") => runRoute(new Request(`http://localhost/api/v1/ingest-runs/${id}${query}`, { headers: auth(token) }), params(id));

const log = (n: number) =>
  Buffer.from(
    Array.from({ length: n }, (_, i) =>
      i % 4 === 3 ? `{"timestamp":"nope","account_id":"route-a","model":"m","prompt_tokens":1,"completion_tokens":1}` : JSON.stringify({ timestamp: "2026-03-01T00:00:00Z", account_id: `route-${i % 2}`, model: "m", prompt_tokens: i, completion_tokens: 1 }),
    ).join("\n"),
  );

async function upload(actor: Actor, restricted = false) {
  const c = await createCase(actor, { restricted });
  return uploadEvidence(ctxFor(actor), c.id, await stageBytes(log(8), "usage.jsonl", "application/x-ndjson"), { kind: "API_LOG", title: "Usage" });
}

describe("the ingest API", () => {
  it("answers 202 with the run, 409 while it is active, then its progress and errors", async () => {
    const ev = await upload(member);
    const res = await post(ev.id, memberToken);
    expect(res.status).toBe(202);
    const run = ZIngestRun.parse(await res.json());
    expect(run).toMatchObject({ state: "QUEUED", evidenceId: ev.id, linesTotal: 0 });

    const again = await post(ev.id, memberToken);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "CONFLICT", details: { runId: run.id } } });

    await runDueJobs();
    const done = await get(run.id, memberToken, "?errorsPageSize=1&errorsPage=2");
    expect(done.status).toBe(200);
    const body = ZIngestRunDetail.parse(await done.json());
    expect(body).toMatchObject({ state: "COMPLETED", linesTotal: 8, linesOk: 6, linesFailed: 2, bytesDone: body.bytesTotal, errorsPage: { page: 2, pageSize: 1, stored: 2 } });
    expect(body.errors).toEqual([{ line: 8, reason: 'timestamp "nope" is not an ISO 8601 time' }]);
    expect((await get(run.id, memberToken, "?errorsPageSize=5000")).status).toBe(400);
  });

  it("answers 404 in the error shape to outsiders of a restricted case, for the evidence and the run", async () => {
    const ev = await upload(member, true);
    expect((await post(ev.id, outsiderToken)).status).toBe(404);
    const run = ZIngestRun.parse(await (await post(ev.id, memberToken)).json());
    const hidden = await get(run.id, outsiderToken);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "Ingest run not found" } });
    expect((await get("no-such-run", memberToken)).status).toBe(404);
    await runDueJobs();
  });
});
