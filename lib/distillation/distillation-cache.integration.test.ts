// The stored distillation analysis (distillation-cache.ts) on a real database (both providers): it
// equals a fresh computation, is read back instead of recomputed, and is never served once the
// case's completed runs or the parameters change (whichever instance completed the run: the key
// is read from the database on every call), while account names are always current.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { computeCaseDistillation, type CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import { createCase, createUser } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";

let lead: Actor;
beforeAll(async () => {
  lead = await createUser({ role: "INVESTIGATOR" });
});

/** The analysis without when and how long it took to compute. */
const figures = ({ computedAt: _c, durationMs: _d, ...rest }: CaseDistillation) => rest;
const storedRows = (caseId: string) => db().distillationCache.findMany({ where: { caseId } });
const population = (seed: number, lines: number) => ({ lines, seed, ordinaryUsers: 40, students: 5, ciAccounts: 6, operations: [{ accounts: 4, share: 0.25 }] });

describe("the stored distillation analysis", () => {
  it("equals a fresh computation, and is read back rather than computed again", async () => {
    const c = await createCase(lead);
    await seedGeneratedRun(c.id, lead.id, population(5, 6_000));
    const first = await readCaseDistillation(c.id);
    expect(first.totals.flagged).toBeGreaterThan(0);
    expect(await storedRows(c.id)).toHaveLength(1);

    const again = await readCaseDistillation(c.id);
    const fresh = await computeCaseDistillation(c.id);
    expect(figures(again)).toEqual(figures(fresh));
    expect(JSON.stringify(figures(again))).toBe(JSON.stringify(figures(fresh)));
    // Read back, not recomputed: it carries the first computation's time.
    expect(again.computedAt).toBe(first.computedAt);
    expect(fresh.computedAt).not.toBe(first.computedAt);
  }, 120_000);

  it("is recomputed when a run completes or is replaced, and per parameters; names are read fresh", async () => {
    const c = await createCase(lead);
    const one = await seedGeneratedRun(c.id, lead.id, population(6, 3_000));
    const before = await readCaseDistillation(c.id);
    expect(before.runs.map((r) => r.id)).toEqual([one.runId]);

    // A run completing (here written straight to the database, as another instance would) changes the key.
    const two = await seedGeneratedRun(c.id, lead.id, population(7, 3_000));
    const after = await readCaseDistillation(c.id);
    expect(after.runs.map((r) => r.id).sort()).toEqual([one.runId, two.runId].sort());
    expect(after.totals.requests).toBe(one.rows + two.rows);
    expect(figures(after)).toEqual(figures(await computeCaseDistillation(c.id)));
    expect((await storedRows(c.id)).length).toBe(1); // the older key is gone

    // A replaced run no longer counts.
    await db().ingestRun.update({ where: { id: one.runId }, data: { replacedAt: new Date() } });
    const replaced = await readCaseDistillation(c.id);
    expect(replaced.runs.map((r) => r.id)).toEqual([two.runId]);
    expect(replaced.totals.requests).toBe(two.rows);
    expect(figures(replaced)).toEqual(figures(await computeCaseDistillation(c.id)));

    // Other parameters, another analysis.
    const strict = await readCaseDistillation(c.id, { threshold: 95 });
    expect(strict.threshold).toBe(95);
    expect(strict.totals.flagged).toBeLessThan(replaced.totals.flagged);
    expect(figures(strict)).toEqual(figures(await computeCaseDistillation(c.id, { threshold: 95 })));
    expect((await readCaseDistillation(c.id)).threshold).toBe(replaced.threshold);

    // An account renamed after the analysis was stored shows its new name.
    const top = replaced.accounts[0];
    await db().account.update({ where: { id: top.accountId }, data: { displayName: "Renamed after the analysis" } });
    const renamed = await readCaseDistillation(c.id);
    expect(renamed.computedAt).toBe((await readCaseDistillation(c.id)).computedAt);
    expect(renamed.accounts.find((a) => a.accountId === top.accountId)?.displayName).toBe("Renamed after the analysis");
  }, 180_000);

  it("answers a case without completed runs with no accounts, and stores that too", async () => {
    const c = await createCase(lead);
    const d = await readCaseDistillation(c.id);
    expect(d.accounts).toEqual([]);
    expect(d.runs).toEqual([]);
    const running = await seedGeneratedRun(c.id, lead.id, population(8, 1_000), { state: "RUNNING" });
    expect((await readCaseDistillation(c.id)).accounts).toEqual([]);
    await db().ingestRun.update({ where: { id: running.runId }, data: { state: "COMPLETED", finishedAt: new Date() } });
    expect((await readCaseDistillation(c.id)).totals.requests).toBe(running.rows);
  }, 120_000);
});
