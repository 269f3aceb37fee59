// The pure parts of the distillation analysis: the streaming aggregates, the indicators, the score
// (no single factor flags an account; volume and a shared address never do) and the cluster rules.
import { describe, expect, it } from "vitest";
import { AggregateBuilder, type AccountAggregate } from "@/lib/distillation/aggregate-builder";
import { findJoins } from "@/lib/distillation/cluster-evidence";
import { analyzeAggregates } from "@/lib/distillation/compute-case-distillation";
import { DEFAULT_REASONING_PHRASES, DEFAULT_THRESHOLD, DEFAULT_WEIGHTS, type DistillationOptions } from "@/lib/distillation/distillation-settings";
import type { RequestTuple } from "@/lib/distillation/distillation-dialect";
import { measure, quietestWindowShare, type Measures } from "@/lib/distillation/indicators";
import { scoreMeasures } from "@/lib/distillation/score";

const options: DistillationOptions = { reasoningPhrases: DEFAULT_REASONING_PHRASES, threshold: DEFAULT_THRESHOLD, weights: { ...DEFAULT_WEIGHTS } };
const T0 = Date.UTC(2026, 2, 2) / 1000;

type Req = { account: string; t: number; pt?: number; ct?: number; ip?: string | null; key?: string | null; ua?: string | null; prompt?: string | null; promptKey?: string | null; simhash?: string | null };
const tuple = (r: Req): RequestTuple => [
  r.account, new Date((T0 + r.t) * 1000).toISOString(), r.pt ?? 100, r.ct ?? 100, r.ip ?? null, r.key ?? `key-${r.account}`, r.ua ?? null,
  r.promptKey === undefined ? `pk-${r.account}-${r.t}` : r.promptKey, r.simhash ?? null, r.prompt === undefined ? "hello there" : r.prompt,
];

function build(reqs: Req[]) {
  const b = new AggregateBuilder(DEFAULT_REASONING_PHRASES);
  for (const r of reqs) b.add(tuple(r));
  return b.finish(() => 5);
}

const noMeasures: Measures = {
  requests: 500, tokens: 0, outputRatio: null, requestsPerHour: null, burstiness: null, activeHoursOfDay: null, nightShare: null, regularity: null,
  timingSpread: null, promptDiversity: null, templateReuse: null, reasoningShare: null, topicCoverage: null, sharedPrompts: null,
};

describe("the streaming aggregates", () => {
  it("count requests, tokens, hours, distinct prompts, reasoning requests and arrival gaps per account", () => {
    const reqs: Req[] = [
      { account: "a", t: 0, pt: 10, ct: 200, prompt: "Solve x + 1 = 2. Think it through STEP BY STEP.", promptKey: "k1" },
      { account: "a", t: 60, pt: 20, ct: 300, prompt: "What is a cat?", promptKey: "k2" },
      { account: "a", t: 120, pt: 30, ct: 400, prompt: "What is a cat?", promptKey: "k2" },
      { account: "a", t: 3 * 3600, pt: 40, ct: 500, prompt: null, promptKey: "hash-only" },
    ];
    const { aggregates } = build(reqs);
    const [a] = aggregates;
    expect(a).toMatchObject({ accountId: "a", requests: 4, promptTokens: 100, completionTokens: 1400, withText: 3, keyed: 4, distinctKeys: 3, reasoning: 1, sampledText: 3, gaps: 3, activeHours: 2, peakHour: 3 });
    expect(a.hourOfDay[0]).toBe(3);
    expect(a.hourOfDay[3]).toBe(1);
    expect(a.gapSum).toBe(60 + 60 + (3 * 3600 - 120));
    const m = measure(a);
    expect(m.outputRatio).toBe(14);
    expect(m.regularity).toBeNull(); // 3 gaps: fewer than the 10 that timing regularity needs
  });

  it("finds the values and the identical prompts that accounts share (a prompt sent by too many accounts is common)", () => {
    const reqs: Req[] = [];
    for (const account of ["a", "b", "c"]) {
      for (let i = 0; i < 6; i++) reqs.push({ account, t: i * 10, ip: "203.0.113.7", ua: "harvest/1.0", promptKey: `op-${i}` });
    }
    // Six more accounts send "hello": more than the limit of 5 accounts per prompt.
    for (const account of ["a", "b", "c", "d", "e", "f"]) reqs.push({ account, t: 100, promptKey: "hello", ip: `198.51.100.${account.charCodeAt(0)}` });
    const { aggregates, shared, overlaps } = build(reqs);
    expect(shared.find((s) => s.type === "IP" && s.value === "203.0.113.7")!.accountIds.sort()).toEqual(["a", "b", "c"]);
    expect(shared.some((s) => s.type === "API_KEY")).toBe(false);
    expect(overlaps.map((o) => [o.a, o.b, o.shared])).toEqual(expect.arrayContaining([["a", "b", 6], ["a", "c", 6], ["b", "c", 6]]));
    expect(overlaps.some((o) => o.a === "d" || o.b === "d")).toBe(false);
    expect(aggregates.find((a) => a.accountId === "a")!.sharedPrompts).toBe(6);
    expect(aggregates.find((a) => a.accountId === "d")!.sharedPrompts).toBe(0);
  });
});

describe("indicators", () => {
  it("share in the quietest 8 hours: near 0 for a sleeper, a third for round-the-clock, whatever the time zone", () => {
    const sleeper = Array.from({ length: 24 }, (_, h) => ((h + 5) % 24 >= 9 && (h + 5) % 24 < 22 ? 10 : 0));
    expect(quietestWindowShare(sleeper)).toBe(0);
    expect(quietestWindowShare(new Array(24).fill(5))).toBeCloseTo(1 / 3);
    expect(quietestWindowShare(new Array(24).fill(0))).toBe(0);
  });
});

describe("the score", () => {
  it("is 0-100, and no single factor, volume or a shared address alone, reaches the threshold", () => {
    const full: Measures = { ...noMeasures, outputRatio: 50, nightShare: 0.33, timingSpread: 0.1, regularity: 0.1, reasoningShare: 1, topicCoverage: 1, promptDiversity: 0.2, sharedPrompts: 1 };
    expect(scoreMeasures(full, 10, options).score).toBe(100);
    for (const key of ["outputRatio", "nightShare", "timingSpread", "reasoningShare", "topicCoverage", "promptDiversity", "sharedPrompts"] as const) {
      const one: Measures = { ...noMeasures, outputRatio: 1, nightShare: 0, timingSpread: 3, reasoningShare: 0, topicCoverage: 0, promptDiversity: 1, sharedPrompts: 0, [key]: full[key] };
      expect({ key, score: scoreMeasures(one, 10, options).score }).toEqual({ key, score: expect.any(Number) });
      expect(scoreMeasures(one, 10, options).score).toBeLessThan(DEFAULT_THRESHOLD);
    }
    // A huge, round-the-clock volume (a support bot) with ordinary prompts and answers.
    expect(scoreMeasures({ ...noMeasures, requests: 1_000_000, outputRatio: 0.3, nightShare: 0.3, timingSpread: 2.5 }, 100, options).score).toBeLessThan(30);
  });

  it("renormalizes over the factors it could measure, but never over less than 75 points", () => {
    // Prompt text withheld: reasoning, templates unknown. Ratio, rhythm, timing and shared prompts carry it.
    const withheld: Measures = { ...noMeasures, outputRatio: 10, nightShare: 0.3, timingSpread: 0.3, promptDiversity: 0.5, sharedPrompts: 0.8 };
    const s = scoreMeasures(withheld, 500, options);
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(s.factors.map((f) => f.key)).toEqual(expect.arrayContaining(["outputRatio", "sharedPrompts", "nightShare", "regularity"]));
    // Only the token ratio known: 20 of at least 75 points.
    expect(scoreMeasures({ ...noMeasures, outputRatio: 100 }, null, options).score).toBe(27);
  });
});

function agg(accountId: string, over: Partial<AccountAggregate>): AccountAggregate {
  return {
    accountId, requests: 300, promptTokens: 30_000, completionTokens: 30_000, firstAt: T0, lastAt: T0 + 86_400 * 10, withText: 300, keyed: 300, distinctKeys: 300,
    sharedPrompts: 0, hashed: 300, sampledText: 300, reasoning: 0, sampledHashed: 300, templated: 0, templatedDistinct: 0,
    hourOfDay: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 30 : 1)), activeHours: 150, peakHour: 6, hourSquares: 600,
    gaps: 299, gapSum: 299 * 2_000, gapSquares: 299 * 2_000 ** 2 * 9, gapLogSum: 299 * 6, gapLogSquares: 299 * (36 + 6.25), ...over,
  };
}

describe("clusters", () => {
  const roundTheClock = new Array(24).fill(12);
  const harvester = (id: string, requests: number): AccountAggregate =>
    agg(id, {
      requests, promptTokens: requests * 60, completionTokens: requests * 900, withText: requests, keyed: requests, distinctKeys: requests, sampledText: Math.min(requests, 400),
      reasoning: Math.min(requests, 400), hourOfDay: requests >= 24 ? roundTheClock : new Array(24).fill(0).map((_, h) => (h < requests ? 1 : 0)),
      gaps: requests - 1, gapSum: (requests - 1) * 3600, gapSquares: (requests - 1) * 3600 ** 2 * 1.1, gapLogSum: (requests - 1) * 8.2, gapLogSquares: (requests - 1) * (8.2 ** 2 + 0.04),
    });

  it("a shared NAT address joins CI accounts into a cluster that lifts nobody", () => {
    const ci = Array.from({ length: 12 }, (_, i) => agg(`ci-${i}`, { requests: 2_000, promptTokens: 4_000_000, completionTokens: 400_000 }));
    const shared = [{ type: "IP" as const, value: "203.0.113.9", accountIds: ci.map((a) => a.accountId) }];
    const { accounts, clusters } = analyzeAggregates(ci, shared, [], options);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].joins[0]).toMatchObject({ type: "IP", value: "203.0.113.9" });
    expect(accounts.every((a) => !a.flagged && a.score === a.ownScore)).toBe(true);
  });

  it("an address shared by more accounts than the limit, or a common user agent, joins nobody", () => {
    const many = Array.from({ length: 40 }, (_, i) => agg(`u-${i}`, {}));
    const { joins } = findJoins(many, [
      { type: "IP", value: "100.64.0.1", accountIds: many.map((a) => a.accountId) },
      { type: "USER_AGENT", value: "python-sdk/1.0", accountIds: many.slice(0, 10).map((a) => a.accountId) },
      { type: "USER_AGENT", value: "rare/0.1", accountIds: ["u-1", "u-2"] },
    ], []);
    expect(joins.map((j) => j.value)).toEqual(["rare/0.1"]);
  });

  it("lifts thin members of a harvesting cluster that have half the threshold on their own, not bystanders", () => {
    // 20 requests each: under 24, so none is flagged on its own rows.
    const thin = Array.from({ length: 8 }, (_, i) => harvester(`op-${i}`, 20));
    const bystander = agg("bystander", {});
    const shared = [{ type: "API_KEY" as const, value: "key-shared", accountIds: [...thin.map((a) => a.accountId), "bystander"] }];
    const { accounts, clusters } = analyzeAggregates([...thin, bystander], shared, [], options);
    const byId = new Map(accounts.map((a) => [a.accountId, a]));
    expect(clusters[0].score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    for (const t of thin) {
      const a = byId.get(t.accountId)!;
      expect(a.ownScore).toBeLessThan(DEFAULT_THRESHOLD);
      expect(a.flagged).toBe(true);
      expect(a.factors[0]).toMatchObject({ key: "cluster" });
    }
    expect(byId.get("bystander")!.flagged).toBe(false);
  });

  it("an account with fewer than 24 requests is not flagged on its own rows", () => {
    const tiny = { ...harvester("tiny", 8), sharedPrompts: 8 };
    const { accounts } = analyzeAggregates([tiny, agg("other", {})], [], [], options);
    const a = accounts.find((x) => x.accountId === "tiny")!;
    expect(a.flagged).toBe(false);
    expect(a.score).toBe(DEFAULT_THRESHOLD - 1);
    expect(a.factors.at(-1)).toMatchObject({ key: "fewRequests" });
  });
});
