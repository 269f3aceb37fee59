// The distillation analysis on generated logs with a known answer (test/support/log-generator.ts),
// on SQLite and PostgreSQL. The main log (100,000 lines) goes through the real path: uploaded as
// API_LOG evidence, ingested by the job, analysed over the COMPLETED run. A differently shaped
// population (other seed, other operations, other timing) goes in through the test factory, so the
// detection is not tuned to one data set. Precision and recall are over the planted accounts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as distillationRoute } from "@/app/api/v1/cases/[id]/distillation/route";
import type { Actor } from "@/lib/access/actor";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { computeCaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { ZCaseDistillation } from "@/lib/distillation/distillation-schemas";
import { PHRASES_SETTING, THRESHOLD_SETTING } from "@/lib/distillation/distillation-settings";
import { writeSettings } from "@/lib/settings/settings";
import { getCaseDistillation } from "@/lib/distillation/get-case-distillation";
import { stageEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { getIngestRun } from "@/lib/ingest/get-ingest-run";
import { startIngest } from "@/lib/ingest/start-ingest";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";
import { expectAppError } from "@/test/support/expect-app-error";
import { writeLogFile, type GroundTruth } from "@/test/support/log-generator";
import { recordMeasure } from "@/test/support/measures";

let lead: Actor, outsider: Actor, admin: Actor;
let dir: string;
beforeAll(async () => {
  registerAppJobHandlers();
  lead = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-distill-"));
  return () => fs.rmSync(dir, { recursive: true, force: true });
});

type Score = { precision: number; recall: number; flagged: string[]; missed: string[]; wrong: string[] };

/** Precision and recall of the flags over the planted accounts (by external id). */
function scoreAgainst(d: CaseDistillation, truth: GroundTruth): Score {
  const planted = new Set(truth.planted.map((p) => p.accountId));
  const flagged = d.accounts.filter((a) => a.flagged).map((a) => a.externalId);
  const hits = flagged.filter((id) => planted.has(id));
  return {
    precision: flagged.length ? hits.length / flagged.length : 0,
    recall: hits.length / planted.size,
    flagged,
    missed: [...planted].filter((id) => !flagged.includes(id)),
    wrong: flagged.filter((id) => !planted.has(id)),
  };
}

const byExternal = (d: CaseDistillation) => new Map(d.accounts.map((a) => [a.externalId, a]));

describe("a 100,000-line generated log, ingested through the job", () => {
  let d: CaseDistillation;
  let truth: GroundTruth;
  let caseId: string;
  let runId: string;

  beforeAll(async () => {
    const file = path.join(dir, "usage.jsonl");
    truth = await writeLogFile({ lines: 100_000, seed: 11, out: file });
    const c = await createCase(lead, { restricted: true });
    caseId = c.id;
    const staged = await stageEvidenceFile(fs.createReadStream(file), { filename: "usage.jsonl", mimeType: "application/x-ndjson" });
    const ev = await uploadEvidence(ctxFor(lead), c.id, staged, { kind: "API_LOG", title: "Generated usage log" });
    const started = await startIngest(ctxFor(lead), ev.id);
    runId = started.id;
    let t = Date.now();
    await runDueJobs();
    recordMeasure(`distillation: 100,000 generated lines ingested through the job, then analysed by the distillation.refresh job, in ${Date.now() - t} ms`);
    t = Date.now();
    d = await getCaseDistillation(lead, c.id);
    recordMeasure(`distillation: analysis of 100,000 rows read (stored by the refresh job) in ${Date.now() - t} ms`);
  }, 600_000);

  it("flags the planted accounts with precision and recall of at least 0.9", () => {
    const s = scoreAgainst(d, truth);
    recordMeasure(`distillation: 100k lines seed 11: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.flagged.length} flagged of ${d.accounts.length} accounts)`);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(d.threshold).toBe(50);
    expect(d.runs.map((r) => r.id)).toEqual([runId]);
    expect(d.totals.requests).toBe(100_000 - truth.malformed.length);
  });

  it("reports the malformed lines with their numbers through the ingest run", async () => {
    const run = await getIngestRun(lead, runId);
    expect(run.state).toBe("COMPLETED");
    expect(run.linesFailed).toBe(truth.malformed.length);
    expect(run.errors.map((e) => e.line)).toEqual(truth.malformed.map((m) => m.line));
  });

  it("does not flag support bots, writing tools, CI jobs behind one NAT address or a corporate office", () => {
    const accounts = byExternal(d);
    for (const h of truth.legitimateHeavy) {
      const a = accounts.get(h.accountId)!;
      expect({ kind: h.kind, flagged: a.flagged, score: a.score }).toMatchObject({ kind: h.kind, flagged: false });
    }
    // The CI accounts do form a cluster (one address), and it is scored as ordinary.
    const ci = truth.legitimateHeavy.filter((h) => h.kind === "ci").map((h) => accounts.get(h.accountId)!);
    const cluster = d.clusters.find((c) => c.id === ci[0].clusterId)!;
    expect(cluster.accountIds).toEqual(expect.arrayContaining(ci.map((a) => a.accountId)));
    expect(cluster.joins.some((j) => j.type === "IP")).toBe(true);
    expect(cluster.score).toBeLessThan(d.threshold);
  });

  it("finds the thin operation through what its accounts share, and the operation whose prompts are withheld", () => {
    const accounts = byExternal(d);
    const thin = truth.operations.find((o) => o.accounts === 10)!;
    const members = thin.accountIds.map((id) => accounts.get(id)!);
    expect(members.every((a) => a.flagged)).toBe(true);
    const clusterIds = new Set(members.map((a) => a.clusterId));
    expect(clusterIds.size).toBe(1);
    const cluster = d.clusters.find((c) => c.id === [...clusterIds][0])!;
    expect(cluster.joins.map((j) => j.type)).toEqual(expect.arrayContaining(["IP", "API_KEY"]));
    const shared = members[0].indicators.find((i) => i.key === "sharedInfrastructure")!;
    expect(shared.value).toBeGreaterThanOrEqual(thin.accounts - 1);

    const withheld = truth.operations.find((o) => o.withheld)!;
    for (const id of withheld.accountIds) {
      const a = accounts.get(id)!;
      expect(a.flagged).toBe(true);
      expect(a.indicators.find((i) => i.key === "reasoningShare")!.value).toBeNull();
      expect(a.indicators.find((i) => i.key === "promptDiversity")!.value).not.toBeNull();
    }
  });

  it("explains each account: every indicator has a value or null, the typical value and a sentence; the factors add up to the score", () => {
    const top = d.accounts[0];
    expect(top.indicators.map((i) => i.key)).toEqual([
      "requests", "tokens", "outputRatio", "requestsPerHour", "burstiness", "activeHoursOfDay", "nightShare", "regularity", "timingSpread",
      "promptDiversity", "templateReuse", "reasoningShare", "topicCoverage", "sharedPrompts", "sharedInfrastructure",
    ]);
    for (const i of top.indicators) expect(i.sentence.length).toBeGreaterThan(10);
    expect(top.indicators.find((i) => i.key === "outputRatio")!.typical).not.toBeNull();
    for (const a of d.accounts.slice(0, 40)) {
      const own = a.factors.filter((f) => f.key !== "cluster").reduce((s, f) => s + f.points, 0);
      expect(Math.abs(own - a.ownScore)).toBeLessThanOrEqual(1);
      expect(a.score).toBeGreaterThanOrEqual(a.ownScore);
    }
  });

  it("answers the API with the documented shape; a restricted case is 404 to an outsider", async () => {
    const memberToken = (await createApiToken(lead.id, SYSTEM_CONTEXT, { name: "distill" })).token;
    const outsiderToken = (await createApiToken(outsider.id, SYSTEM_CONTEXT, { name: "distill" })).token;
    const get = (token: string) =>
      distillationRoute(new Request(`http://localhost/api/v1/cases/${caseId}/distillation`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: caseId }) });
    const ok = await get(memberToken);
    expect(ok.status).toBe(200);
    const body = ZCaseDistillation.parse(await ok.json());
    expect(body.accounts.length).toBe(d.accounts.length);
    expect(body.accounts.filter((a) => a.flagged).map((a) => a.externalId).sort()).toEqual(d.accounts.filter((a) => a.flagged).map((a) => a.externalId).sort());
    const hidden = await get(outsiderToken);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await expectAppError(getCaseDistillation(outsider, caseId))).code).toBe("NOT_FOUND");
    // An admin sees every case.
    expect((await getCaseDistillation(admin, caseId)).accounts.length).toBe(d.accounts.length);
  });
});

describe("a differently shaped population (other seed, operation sizes and timing)", () => {
  it("still finds the planted accounts with precision and recall of at least 0.9", async () => {
    const c = await createCase(lead);
    const seeded = await seedGeneratedRun(c.id, lead.id, {
      lines: 60_000,
      seed: 2024,
      days: 10,
      ordinaryUsers: 180,
      students: 40,
      supportBots: 2,
      writingTools: 4,
      ciAccounts: 20,
      corporateAccounts: 25,
      operations: [
        // Many thin accounts, Poisson timing, prompts withheld, two shared addresses.
        { accounts: 14, share: 0.02, withheld: true, timing: "poisson", ips: 2, sharedKeys: 0, userAgents: 1, repeats: 2 },
        // Few heavy accounts, regular but with a daily pause, one shared key.
        { accounts: 3, share: 0.12, timing: "regular", ips: 1, sharedKeys: 1, userAgents: 2, repeats: 1, activeHours: 0.75 },
        // Batches of requests, several addresses.
        { accounts: 7, share: 0.05, timing: "bursty", ips: 5, sharedKeys: 0, userAgents: 1, repeats: 1 },
      ],
    });
    const d = await computeCaseDistillation(c.id);
    const s = scoreAgainst(d, seeded.truth);
    recordMeasure(`distillation: 60k lines seed 2024 (other shapes): precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    const accounts = byExternal(d);
    for (const h of seeded.truth.legitimateHeavy) expect({ kind: h.kind, flagged: accounts.get(h.accountId)!.flagged }).toEqual({ kind: h.kind, flagged: false });
  }, 600_000);
});

describe("which rows count", () => {
  it("reads only COMPLETED runs: a run still RUNNING (or FAILED) adds nothing, and a case without runs has no accounts", async () => {
    const c = await createCase(lead);
    expect((await computeCaseDistillation(c.id)).accounts).toEqual([]);
    const running = await seedGeneratedRun(c.id, lead.id, { lines: 3_000, seed: 3, ordinaryUsers: 30, students: 0, operations: [{ accounts: 2, share: 0.2 }] }, { state: "RUNNING" });
    const empty = await computeCaseDistillation(c.id);
    expect(empty.accounts).toEqual([]);
    expect(empty.runs).toEqual([]);
    const done = await seedGeneratedRun(c.id, lead.id, { lines: 2_000, seed: 4, ordinaryUsers: 20, students: 0, operations: [{ accounts: 2, share: 0.2 }] });
    const d = await computeCaseDistillation(c.id);
    expect(d.runs.map((r) => r.id)).toEqual([done.runId]);
    expect(d.totals.requests).toBe(done.rows);
    const fromRunning = new Set(running.accountIds.values());
    const fromDone = new Set(done.accountIds.values());
    for (const a of d.accounts) expect(fromDone.has(a.accountId) || !fromRunning.has(a.accountId)).toBe(true);
    expect(d.accounts.length).toBe(fromDone.size);
  }, 120_000);
});

describe("rows out of time order", () => {
  it("give the same timing indicators (measured in the database instead) as the same log in order", async () => {
    const config = { lines: 6_000, seed: 31, ordinaryUsers: 40, students: 5, operations: [{ accounts: 3, share: 0.3, timing: "regular" as const }] };
    const inOrder = await createCase(lead);
    await seedGeneratedRun(inOrder.id, lead.id, config);
    const reversed = await createCase(lead);
    await seedGeneratedRun(reversed.id, lead.id, config, { reverse: true });
    const timing = (d: CaseDistillation) =>
      Object.fromEntries(d.accounts.map((a) => [a.externalId, ["regularity", "timingSpread"].map((k) => a.indicators.find((i) => i.key === k)!.value)]));
    const [a, b] = [await computeCaseDistillation(inOrder.id), await computeCaseDistillation(reversed.id)];
    const ta = timing(a), tb = timing(b);
    expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
    for (const id of Object.keys(ta)) {
      ta[id].forEach((v, i) => (v === null ? expect(tb[id][i]).toBeNull() : expect(tb[id][i]).toBeCloseTo(v, 6)));
    }
    expect(b.accounts.map((x) => [x.externalId, x.score])).toEqual(a.accounts.map((x) => [x.externalId, x.score]));
  }, 120_000);
});

describe("settings", () => {
  it("an admin's threshold and reasoning phrases replace the defaults", async () => {
    const c = await createCase(lead);
    await seedGeneratedRun(c.id, lead.id, { lines: 4_000, seed: 12, ordinaryUsers: 30, students: 0, operations: [{ accounts: 2, share: 0.3, timing: "regular" }] });
    const before = await computeCaseDistillation(c.id);
    expect(before.threshold).toBe(50);
    expect(Math.max(...before.accounts.map((a) => a.indicators.find((i) => i.key === "reasoningShare")!.value ?? 0))).toBeGreaterThan(0.5);
    await writeSettings(ctxFor(admin), { [THRESHOLD_SETTING]: "65", [PHRASES_SETTING]: "Xyzzy plugh\n\n  frobnicate " });
    try {
      const after = await computeCaseDistillation(c.id);
      expect(after.threshold).toBe(65);
      expect(after.parameters.reasoningPhrases).toEqual(["xyzzy plugh", "frobnicate"]);
      expect(after.accounts.every((a) => (a.indicators.find((i) => i.key === "reasoningShare")!.value ?? 0) === 0)).toBe(true);
      expect(after.accounts.every((a) => a.flagged === a.score >= 65)).toBe(true);
    } finally {
      await writeSettings(ctxFor(admin), { [THRESHOLD_SETTING]: null, [PHRASES_SETTING]: null });
    }
  }, 120_000);
});
