// The distillation views' aggregates on a real database (both providers): only rows of completed,
// non-replaced runs count; time buckets, the top-N stacking with "others", the hour-by-weekday
// grid, template grouping (withheld text shown by hash), the paged, audited drill-down to log
// lines, and access (restricted cases are 404 to outsiders and absent from account views).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { db } from "@/lib/db/client";
import { chooseBucket, getActivityOverTime, OTHERS_KEY } from "@/lib/distillation-views/activity-over-time";
import { getAccountDistillationViews, getAccountSampleLines } from "@/lib/distillation-views/account-distillation-views";
import { getCaseDistillationViews, getCasePromptTemplates, getCaseSampleLines } from "@/lib/distillation-views/case-distillation-views";
import { getTopPromptTemplates, TEMPLATE_TEXT_CHARS } from "@/lib/distillation-views/prompt-templates";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";
import { seedIngestRun, type SeedRow } from "@/test/support/seed-ingest-run";

let investigator: Actor, outsider: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
});

const at = (iso: string) => new Date(iso);
const epoch = (iso: string) => Date.parse(iso) / 1000;
const newAccounts = (n: number) => Promise.all(Array.from({ length: n }, () => createAccount(investigator)));

describe("the case's charts", () => {
  it("count only completed, non-replaced runs, stack the top accounts with the rest as others, and fill empty buckets", async () => {
    const c = await createCase(investigator);
    const [a, b, x] = (await newAccounts(3)).map((acc) => acc.id);
    // Monday 2025-01-06: a at 10:00-10:04, b at 12:10-12:12, x at 12:59:59.
    const rows: SeedRow[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ accountId: a, ts: at(`2025-01-06T10:0${i}:00Z`), promptTokens: 10, completionTokens: 100 })),
      ...Array.from({ length: 3 }, (_, i) => ({ accountId: b, ts: at(`2025-01-06T12:1${i}:00Z`), promptTokens: 20, completionTokens: 50 })),
      { accountId: x, ts: at("2025-01-06T12:59:59Z"), promptTokens: 1, completionTokens: 2 },
    ];
    const done = await seedIngestRun(investigator, c.id, { state: "COMPLETED", rows });
    const running = await seedIngestRun(investigator, c.id, { state: "RUNNING", rows: [{ accountId: x, ts: at("2025-01-06T11:00:00Z") }] });
    await seedIngestRun(investigator, c.id, { state: "COMPLETED", replaced: true, rows: [{ accountId: x, ts: at("2025-01-06T11:30:00Z") }] });

    const views = await getCaseDistillationViews(ctxFor(investigator), c.number);
    expect(views.sources.map((s) => [s.runId, s.sha256])).toEqual([[done.runId, done.sha256]]);
    expect(views.pending.find((p) => p.evidenceId === running.evidenceId)?.run?.state).toBe("RUNNING");
    const charts = views.charts!;
    expect(charts.totals).toEqual({ requests: 9, accounts: 3, promptTokens: 5 * 10 + 3 * 20 + 1, completionTokens: 5 * 100 + 3 * 50 + 2 });

    // 10:00-12:59 is 180 one-minute buckets, over the 120 allowed: five-minute buckets, 36 of them.
    const activity = await getActivityOverTime(db(), { kind: "case", caseId: c.id }, 2);
    expect(activity.bucketSeconds).toBe(300);
    expect(activity.points).toHaveLength(36);
    expect(activity.points[0].t).toBe(epoch("2025-01-06T10:00:00Z"));
    expect(activity.series.map((s) => [s.key, s.requests])).toEqual([[a, 5], [b, 3], [OTHERS_KEY, 1]]);
    const point = (iso: string) => activity.points.find((p) => p.t === epoch(iso))!;
    expect(point("2025-01-06T10:00:00Z")).toMatchObject({ counts: { [a]: 5 }, promptTokens: 50, completionTokens: 500 });
    expect(point("2025-01-06T12:10:00Z").counts).toEqual({ [b]: 3 });
    expect(point("2025-01-06T12:55:00Z").counts).toEqual({ [OTHERS_KEY]: 1 });
    expect(point("2025-01-06T11:00:00Z").counts).toEqual({}); // the running and the replaced run's rows are not counted
    expect(activity.points.reduce((s, p) => s + Object.values(p.counts).reduce((x, y) => x + y, 0), 0)).toBe(9);

    // Monday is row 0; hours are UTC.
    expect(charts.heatmap.total).toBe(9);
    expect(charts.heatmap.max).toBe(5);
    expect(charts.heatmap.cells[0][10]).toBe(5);
    expect(charts.heatmap.cells[0][12]).toBe(4);
    expect(charts.heatmap.cells.flat().filter((n) => n > 0)).toHaveLength(2);
  });

  it("chooses the smallest bucket that keeps the chart under 120 points", () => {
    expect(chooseBucket(0, 59 * 60)).toBe(60);
    expect(chooseBucket(0, 120 * 60)).toBe(300);
    expect(chooseBucket(0, 29 * 86400)).toBe(6 * 3600);
    expect(chooseBucket(0, 30 * 86400)).toBe(12 * 3600); // 121 six-hour buckets
    expect(chooseBucket(0, 400 * 86400)).toBe(7 * 86400);
  });

  it("has no charts while no run has completed, and names the logs still to ingest", async () => {
    const c = await createCase(investigator);
    const [a] = await newAccounts(1);
    const queued = await seedIngestRun(investigator, c.id, { state: "QUEUED", rows: [] });
    await seedIngestRun(investigator, c.id, { state: "FAILED", rows: [{ accountId: a.id, ts: at("2025-01-06T10:00:00Z") }] });
    const views = await getCaseDistillationViews(ctxFor(investigator), c.id);
    expect(views.charts).toBeNull();
    expect(views.sources).toEqual([]);
    expect(views.pending.map((p) => p.run?.state).sort()).toEqual(["FAILED", "QUEUED"]);
    expect(views.pending.some((p) => p.evidenceId === queued.evidenceId)).toBe(true);
  });
});

describe("the top prompt templates", () => {
  it("groups a template's variants by SimHash, shows withheld text by its hash, and counts accounts", async () => {
    const c = await createCase(investigator);
    const [a, b] = (await newAccounts(2)).map((acc) => acc.id);
    const ts = at("2025-02-03T08:00:00Z");
    await seedIngestRun(investigator, c.id, {
      state: "COMPLETED",
      rows: [
        ...[3, 12, 40].map((n) => ({ accountId: a, ts, prompt: `Solve ${n} + 7 step by step` })),
        ...[99, 5].map((n) => ({ accountId: b, ts, prompt: `solve ${n}   + 1 STEP by step` })),
        ...Array.from({ length: 4 }, () => ({ accountId: b, ts, prompt: null, promptHash: "h-withheld-1" })),
        { accountId: a, ts, prompt: "Write a short poem about the sea" },
      ],
    });
    const templates = await getTopPromptTemplates(db(), { kind: "case", caseId: c.id }, 10);
    expect(templates.map((t) => [t.requests, t.accounts, t.withheld])).toEqual([
      [5, 2, false],
      [4, 1, true],
      [1, 1, false],
    ]);
    expect(templates[0].text).toMatch(/^solve \d+ +\+ \d+ step by step$/i);
    expect(templates[1]).toMatchObject({ text: null, hash: "h-withheld-1" });
    expect(templates[2]).toMatchObject({ text: "Write a short poem about the sea", hash: null });
    expect(await getTopPromptTemplates(db(), { kind: "case", caseId: c.id }, 1)).toHaveLength(1);
  });

  it("shows prompt text only through an audited read that checks the case's access (decision 0016)", async () => {
    const c = await createCase(investigator, { restricted: true });
    const [a] = (await newAccounts(1)).map((acc) => acc.id);
    const long = `Explain step by step ${"why the sky is blue ".repeat(20)}`;
    await seedIngestRun(investigator, c.id, {
      state: "COMPLETED",
      rows: [
        { accountId: a, ts: at("2025-02-04T08:00:00Z"), prompt: long },
        { accountId: a, ts: at("2025-02-04T08:01:00Z"), prompt: null, promptHash: "h-withheld-2" },
      ],
    });
    const audited = () => db().auditEvent.findMany({ where: { caseId: c.id, action: "distillation.templates.view" }, orderBy: { seq: "asc" } });

    const templates = await getCasePromptTemplates(ctxFor(investigator), c.number);
    expect(templates.find((t) => !t.withheld)?.text).toBe(long.slice(0, TEMPLATE_TEXT_CHARS));
    expect((await audited()).map((e) => [e.actorId, e.entityType, e.entityId, JSON.parse(e.changes)])).toEqual([
      [investigator.id, "Case", c.id, { templates: { after: 2 }, withText: { after: 1 } }],
    ]);

    // The case page's views read them the same way: one more event per view.
    const views = await getCaseDistillationViews(ctxFor(investigator), c.id);
    expect(views.charts?.templates).toEqual(templates);
    expect(await audited()).toHaveLength(2);

    // Reads, not changes: on the audit trail, not in the case's activity timeline.
    expect((await listCaseActivity(investigator, c.id, { pageSize: "100" })).items.map((e) => e.action)).not.toContain("distillation.templates.view");

    // An outsider of the restricted case gets 404 and leaves no read behind.
    expect((await expectAppError(getCasePromptTemplates(ctxFor(outsider), c.id))).status).toBe(404);
    expect(await audited()).toHaveLength(2);

    // The account page's templates (across the visible cases) are audited on the account.
    const usage = await getAccountDistillationViews(ctxFor(investigator), a);
    expect(usage.charts?.templates.map((t) => t.withheld).sort()).toEqual([false, true]);
    const onAccount = await db().auditEvent.findMany({ where: { entityType: "Account", entityId: a, action: "distillation.templates.view" } });
    expect(onAccount.map((e) => [e.actorId, JSON.parse(e.changes)])).toEqual([[investigator.id, { templates: { after: 2 }, withText: { after: 1 } }]]);
  });
});

describe("the drill-down to log lines", () => {
  it("pages an account's lines in time order with their line numbers in the source file, and audits the read", async () => {
    const c = await createCase(investigator);
    const [a, b] = (await newAccounts(2)).map((acc) => acc.id);
    const seeded = await seedIngestRun(investigator, c.id, {
      state: "COMPLETED",
      rows: [
        ...[5, 4, 3, 2, 1].map((m, i) => ({ accountId: a, line: 1000 + i, ts: at(`2025-03-01T00:0${m}:00Z`), ip: "203.0.113.9" })),
        { accountId: b, line: 7, ts: at("2025-03-01T00:00:00Z") },
      ],
    });
    const first = await getCaseSampleLines(ctxFor(investigator), c.number, { account: a, pageSize: "2" });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, accountId: a });
    expect(first.items.map((l) => l.line)).toEqual([1004, 1003]);
    expect(first.items[0]).toMatchObject({ evidenceId: seeded.evidenceId, caseNumber: c.number, ip: "203.0.113.9", ts: "2025-03-01T00:01:00.000Z" });
    const last = await getCaseSampleLines(ctxFor(investigator), c.id, { account: a, pageSize: "2", page: "3" });
    expect(last.items.map((l) => l.line)).toEqual([1000]);
    const audit = await db().auditEvent.findMany({ where: { caseId: c.id, action: "distillation.samples.view" }, orderBy: { seq: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0].actorId).toBe(investigator.id);
    const bad = await expectAppError(getCaseSampleLines(ctxFor(investigator), c.id, { pageSize: "500" }));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["account", "pageSize"]);
  });
});

describe("access", () => {
  it("answers 404 for a restricted case to outsiders, and leaves its rows out of their account views", async () => {
    const open = await createCase(investigator);
    const hidden = await createCase(investigator, { restricted: true });
    const [a] = (await newAccounts(1)).map((acc) => acc.id);
    await seedIngestRun(investigator, open.id, { state: "COMPLETED", rows: [{ accountId: a, ts: at("2025-04-01T09:00:00Z"), line: 1 }] });
    await seedIngestRun(investigator, hidden.id, {
      state: "COMPLETED",
      rows: [1, 2, 3].map((line) => ({ accountId: a, ts: at(`2025-04-02T09:0${line}:00Z`), line })),
    });

    expect((await expectAppError(getCaseDistillationViews(ctxFor(outsider), hidden.number))).status).toBe(404);
    expect((await expectAppError(getCaseSampleLines(ctxFor(outsider), hidden.id, { account: a }))).status).toBe(404);
    expect((await getCaseDistillationViews(ctxFor(investigator), hidden.number)).charts?.totals.requests).toBe(3);

    const mine = await getAccountDistillationViews(ctxFor(investigator), a);
    expect(mine.charts?.totals.requests).toBe(4);
    expect(mine.charts?.activity.series.map((s) => s.label).sort()).toEqual([hidden.number, open.number].sort());
    const theirs = await getAccountDistillationViews(ctxFor(outsider), a);
    expect(theirs.charts?.totals.requests).toBe(1);
    expect(theirs.charts?.activity.series.map((s) => s.label)).toEqual([open.number]);
    const lines = await getAccountSampleLines(ctxFor(outsider), a, {});
    expect(lines.items.map((l) => l.caseNumber)).toEqual([open.number]);
    // Reading the lines is audited on the account, with what was shown.
    const read = await db().auditEvent.findMany({ where: { entityType: "Account", entityId: a, action: "distillation.samples.view", actorId: outsider.id } });
    expect(read.map((e) => (typeof e.changes === "string" ? JSON.parse(e.changes) : e.changes))).toEqual([{ page: { after: 1 }, lines: { after: 1 } }]);

    const [unused] = await newAccounts(1);
    expect((await getAccountDistillationViews(ctxFor(outsider), unused.id)).charts).toBeNull();
  });
});
