// The distillation report on a real database (both providers) and the local blob store: the
// DISTILLATION_REPORT evidence item is stored, hashed and in custody like any upload; its embedded
// JSON follows the published schema and cites each source log's SHA-256 and ingest run (only
// completed, non-replaced runs), the parameters and threshold, the flagged accounts with their
// factors and the clusters they form; the audit event commits with it; and the refusals.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { transitionCase } from "@/lib/cases/transition-case";
import { db } from "@/lib/db/client";
import { generateDistillationReport, NO_COMPLETED_RUN } from "@/lib/distillation-report/generate-distillation-report";
import { EMBEDDED_JSON_ID, extractEmbeddedJson } from "@/lib/distillation-report/render-report-html";
import { ZDistillationReport } from "@/lib/distillation-report/report-schema";
import { computeCaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { blobStore } from "@/lib/storage/blob-store";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";
import { expectAppError } from "@/test/support/expect-app-error";
import { seedIngestRun } from "@/test/support/seed-ingest-run";

let investigator: Actor, outsider: Actor, auditor: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
});

async function readBlob(sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await blobStore().open(sha256)) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe("generating a distillation report", () => {
  it("stores an HTML evidence item whose embedded JSON cites the completed runs and hashes, the threshold, the flagged accounts and their clusters", async () => {
    const c = await createCase(investigator, { title: `Harvest </script><b>bold</b> case` });
    const first = await seedGeneratedRun(c.id, investigator.id, { lines: 2_500, seed: 11 });
    const second = await seedGeneratedRun(c.id, investigator.id, { lines: 500, seed: 12 });
    const running = await seedGeneratedRun(c.id, investigator.id, { lines: 200, seed: 13 }, { state: "RUNNING" });

    const evidence = await generateDistillationReport(ctxFor(investigator), c.number, {});
    expect(evidence).toMatchObject({ caseId: c.id, kind: "DISTILLATION_REPORT", mediaType: "text/html" });
    const bytes = await readBlob(evidence.sha256);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(evidence.sha256);
    expect(bytes.length).toBe(evidence.sizeBytes);

    const html = bytes.toString("utf8");
    expect(html).not.toContain("<b>bold</b>"); // text is escaped, in the page and in the JSON
    expect(html.match(/<\/script>/g)).toHaveLength(1); // only the end of the embedded JSON
    expect(html).toContain(`id="${EMBEDDED_JSON_ID}"`);
    const report = ZDistillationReport.parse(extractEmbeddedJson(html));
    expect(report.case).toEqual({ id: c.id, number: c.number, title: c.title });
    expect(report.generatedBy).toEqual({ id: investigator.id, email: investigator.email });

    const logs = await db().evidence.findMany({ where: { id: { in: [first.evidenceId, second.evidenceId] } }, select: { id: true, sha256: true } });
    const sha = new Map(logs.map((l) => [l.id, l.sha256]));
    expect(report.sources.map((s) => [s.ingestRunId, s.evidenceId, s.sha256]).sort()).toEqual(
      [first, second].map((r) => [r.runId, r.evidenceId, sha.get(r.evidenceId)]).sort(),
    );
    expect(report.sources.some((s) => s.ingestRunId === running.runId)).toBe(false);
    expect(report.sources.find((s) => s.ingestRunId === first.runId)).toMatchObject({ linesOk: first.rows, fileName: "gen-11.jsonl" });

    // The same analysis as lib/distillation computes now: the flagged accounts, their factors, the clusters.
    const analysis = await computeCaseDistillation(c.id);
    expect(report.parameters.threshold).toBe(analysis.threshold);
    expect(report.parameters.reasoningPhrases).toEqual(analysis.parameters.reasoningPhrases);
    const flagged = analysis.accounts.filter((a) => a.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(report.flaggedAccounts.map((a) => [a.accountId, a.score])).toEqual(flagged.map((a) => [a.accountId, a.score]));
    expect(report.flaggedAccounts.every((a) => a.score >= report.parameters.threshold && a.factors.length > 0)).toBe(true);
    expect(report.totals).toEqual(analysis.totals);
    const flaggedIds = new Set(flagged.map((a) => a.accountId));
    expect(report.clusters.map((k) => k.id).sort()).toEqual(analysis.clusters.filter((k) => k.accountIds.some((id) => flaggedIds.has(id))).map((k) => k.id).sort());
    for (const k of report.clusters) expect(k.members.filter((m) => m.flagged).length).toBe(k.flaggedMembers);
    expect(html).toContain(report.flaggedAccounts[0].externalId);
    expect(html).toContain(report.sources[0].sha256);

    // Custody and audit like any upload, plus the report's own event in the same chain.
    const full = await getEvidence(investigator, evidence.id);
    expect(full.custody).toMatchObject([{ action: "UPLOAD", sha256Observed: evidence.sha256, actorEmail: investigator.email }]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "distillation.report.generate", entityId: evidence.id } });
    expect(event.caseId).toBe(c.id);
    expect(JSON.parse(event.changes)).toMatchObject({ ingestRunIds: { after: expect.arrayContaining([first.runId, second.runId]) }, threshold: { after: report.parameters.threshold } });
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const titled = await generateDistillationReport(ctxFor(investigator), c.id, { title: "Quarterly harvest report" });
    expect(titled.title).toBe("Quarterly harvest report");
  });

  it("is refused with 409 while the case has no completed run, and writes nothing", async () => {
    const c = await createCase(investigator);
    const none = await expectAppError(generateDistillationReport(ctxFor(investigator), c.id, {}));
    expect(none).toMatchObject({ status: 409, message: NO_COMPLETED_RUN });
    const [account] = await db().account.findMany({ take: 1, select: { id: true } });
    await seedIngestRun(investigator, c.id, { state: "RUNNING", rows: [{ accountId: account.id, ts: new Date() }] });
    await seedIngestRun(investigator, c.id, { state: "COMPLETED", replaced: true, rows: [{ accountId: account.id, ts: new Date() }] });
    expect((await expectAppError(generateDistillationReport(ctxFor(investigator), c.id, {}))).status).toBe(409);
    expect(await db().evidence.count({ where: { caseId: c.id, kind: "DISTILLATION_REPORT" } })).toBe(0);
  });

  it("answers 404 on a restricted case to outsiders, 403 to a read-only role, 409 on a closed case, 400 on a bad title", async () => {
    const hidden = await createCase(investigator, { restricted: true });
    await seedGeneratedRun(hidden.id, investigator.id, { lines: 300, seed: 21 });
    expect((await expectAppError(generateDistillationReport(ctxFor(outsider), hidden.number, {}))).status).toBe(404);
    const open = await createCase(investigator);
    await seedGeneratedRun(open.id, investigator.id, { lines: 300, seed: 22 });
    expect((await expectAppError(generateDistillationReport(ctxFor(auditor), open.number, {}))).status).toBe(403);
    expect(await db().evidence.count({ where: { caseId: open.id, kind: "DISTILLATION_REPORT" } })).toBe(0);
    const bad = await expectAppError(generateDistillationReport(ctxFor(investigator), hidden.id, { title: "x".repeat(201) }));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.details as { fieldErrors: object }).fieldErrors)).toEqual(["title"]);
    expect(await db().evidence.count({ where: { caseId: hidden.id, kind: "DISTILLATION_REPORT" } })).toBe(0);

    for (const to of ["ACTIVE", "IN_REVIEW"]) await transitionCase(ctxFor(investigator), hidden.id, { to });
    await transitionCase(ctxFor(investigator), hidden.id, { to: "CLOSED", resolution: "SUBSTANTIATED" });
    expect((await expectAppError(generateDistillationReport(ctxFor(investigator), hidden.id, {}))).status).toBe(409);
  });
});
