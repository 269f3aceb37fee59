// The aggregate builder keeps its bulk in typed arrays (the prompt-key table, each account's hour
// counts; decision 0030). This checks them against the plain Maps they replaced, on rows with more
// distinct prompt keys than the table's first sizes (so it grows, and its chunks fill), keys sent by
// two accounts and by more than the 64 tracked, accounts active over thousands of hours, and a time
// that does not parse: same distinct and shared prompts, same overlaps in the same order, same hours.
import { describe, expect, it } from "vitest";
import { AggregateBuilder, keyNumber } from "@/lib/distillation/aggregate-builder";
import type { RequestTuple } from "@/lib/distillation/distillation-dialect";

const MAX_ACCOUNTS_PER_PROMPT = 64;

/** A seeded generator (mulberry32), so the rows are the same every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rows(count: number): RequestTuple[] {
  const next = random(11);
  const out: RequestTuple[] = [];
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const r = next();
    // 150 accounts; one prompt in 50 from a small shared list (two or more accounts), one in 500
    // "hello" (every account: past the 64 tracked), the rest distinct.
    const account = `acct-${Math.floor(next() * 150)}`;
    const promptKey = r < 0.02 ? `shared-${Math.floor(next() * 300)}` : r < 0.022 ? "hello" : r < 0.05 ? null : `p-${i}`;
    const ts = i === 777 ? "not a time" : new Date(t0 + Math.floor(next() * 400 * 86_400_000)).toISOString();
    out.push([account, ts, 10, 20, null, null, null, promptKey, null, null]);
  }
  return out;
}

/** The builder's key and hour bookkeeping as it was, with Maps. */
function reference(input: RequestTuple[], promptMaxAccounts: number) {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const distinct: number[] = [], sharedPrompts: number[] = [], hours: Map<number, number>[] = [];
  const keys = new Map<number, number>();
  const multi: number[][] = [];
  for (const [accountId, ts, , , , , , promptKey] of input) {
    let a = index.get(accountId);
    if (a === undefined) {
      a = ids.length;
      index.set(accountId, a);
      ids.push(accountId);
      distinct.push(0);
      sharedPrompts.push(0);
      hours.push(new Map());
    }
    const hour = Math.floor(Date.parse(String(ts)) / 1000 / 3600);
    hours[a].set(hour, (hours[a].get(hour) ?? 0) + 1);
    if (promptKey === null) continue;
    const key = keyNumber(promptKey);
    const found = keys.get(key);
    if (found === undefined) {
      keys.set(key, a);
      distinct[a] += 1;
    } else if (found >= 0) {
      if (found !== a) {
        multi.push([found, a]);
        keys.set(key, -multi.length);
        distinct[a] += 1;
      }
    } else {
      const seen = multi[-found - 1];
      if (seen.includes(a)) continue;
      distinct[a] += 1;
      if (seen.length < MAX_ACCOUNTS_PER_PROMPT) seen.push(a);
    }
  }
  const n = ids.length;
  const common = Math.min(MAX_ACCOUNTS_PER_PROMPT - 1, promptMaxAccounts);
  const pairs = new Map<number, number>();
  for (const found of keys.values()) {
    if (found >= 0) continue;
    const seen = multi[-found - 1];
    if (seen.length > common) continue;
    for (const m of seen) sharedPrompts[m] += 1;
    const members = [...seen].sort((x, y) => x - y);
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) {
      const k = members[i] * n + members[j];
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
  }
  return {
    accounts: ids.map((accountId, a) => {
      const counts = [...hours[a].values()];
      return {
        accountId, distinctKeys: distinct[a], sharedPrompts: sharedPrompts[a], activeHours: counts.length,
        peakHour: Math.max(0, ...counts), hourSquares: counts.reduce((s, c) => s + c * c, 0),
      };
    }),
    overlaps: [...pairs].map(([k, shared]) => ({ a: ids[Math.floor(k / n)], b: ids[k % n], shared })),
  };
}

describe("the aggregate builder's typed-array tables", () => {
  it("give the prompt reuse, overlaps and hour counts the Maps gave, past the tables' first sizes", () => {
    const input = rows(160_000);
    const builder = new AggregateBuilder([]);
    for (const row of input) builder.add(row);
    const { aggregates, overlaps } = builder.finish(() => 40);
    const expected = reference(input, 40);
    expect(expected.accounts.reduce((s, a) => s + a.distinctKeys, 0)).toBeGreaterThan(140_000);
    expect(expected.overlaps.length).toBeGreaterThan(1_000);
    expect(Math.max(...expected.accounts.map((a) => a.activeHours))).toBeGreaterThan(500);
    expect(aggregates.map(({ accountId, distinctKeys, sharedPrompts, activeHours, peakHour, hourSquares }) => ({ accountId, distinctKeys, sharedPrompts, activeHours, peakHour, hourSquares }))).toEqual(expected.accounts);
    expect(overlaps).toEqual(expected.overlaps);
  });
});
