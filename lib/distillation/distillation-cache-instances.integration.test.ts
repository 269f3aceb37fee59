// Concurrent readers of one case's analysis wait for one computation in the whole process, not one
// per module instance: Next bundles lib/distillation/distillation-cache.ts into several server
// chunks (the job worker's refresh, the case page, the API routes), each with module state of its
// own. Before, the in-flight map was per copy, so a refresh job and a page reading the same case
// computed the analysis twice (seconds of CPU each).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { createCase, createUser } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";

let lead: Actor;
beforeAll(async () => {
  lead = await createUser({ role: "INVESTIGATOR" });
});

describe("readCaseDistillation from two module instances", () => {
  it("shares one computation under way", async () => {
    const c = await createCase(lead);
    await seedGeneratedRun(c.id, lead.id, { lines: 3_000, seed: 11, ordinaryUsers: 40, students: 5, ciAccounts: 6, operations: [{ accounts: 4, share: 0.25 }] });
    const first = await import("@/lib/distillation/distillation-cache");
    vi.resetModules();
    const second = await import("@/lib/distillation/distillation-cache");
    expect(second).not.toBe(first); // a module instance of its own, as in another server chunk
    const [a, b] = await Promise.all([first.readCaseDistillation(c.id), second.readCaseDistillation(c.id)]);
    // One computation: the second reader got the first one's result, not an analysis of its own.
    expect(b).toBe(a);
  }, 120_000);
});
