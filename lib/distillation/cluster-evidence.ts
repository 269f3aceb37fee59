// Clusters: accounts joined by what they share (an API key, an IP address used by a few accounts,
// a rare user agent, the same exact prompts), with what joins them. A cluster is scored on its
// members' pooled rows; that pooled score lifts a member that has some evidence of its own
// (decision 0016), so an operation spread thinly over many accounts is still found, while a shared
// NAT address of ordinary CI jobs lifts nobody (their pooled profile is ordinary).
import type { AccountAggregate, PromptOverlap, SharedValue } from "@/lib/distillation/account-aggregates";
import type { SharedWith } from "@/lib/distillation/indicators";

export type ClusterJoin = { type: SharedWith["type"]; value: string; accountIds: string[] };
export type RawCluster = { id: string; accountIds: string[]; joins: ClusterJoin[] };

/** When a shared value joins accounts: the limits on how many accounts may share it. */
export function joinLimits(accountCount: number) {
  return {
    // A corporate egress or CI NAT address is shared by dozens; a carrier-grade NAT by hundreds.
    ipMaxAccounts: Math.max(25, Math.ceil(accountCount * 0.05)),
    // A user agent is distinctive only when few accounts send it.
    userAgentMaxAccounts: Math.max(3, Math.ceil(accountCount * 0.02)),
    // Exact prompts: a key sent by more accounts than this is common ("hello", "test").
    promptMaxAccounts: Math.max(5, Math.ceil(accountCount * 0.02)),
    promptMinShared: 3,
    promptMinFraction: 0.02,
  };
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p)!;
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** The joins (shared values that count) and, per account, what it shares with whom. */
export function findJoins(aggregates: readonly AccountAggregate[], shared: readonly SharedValue[], overlaps: readonly PromptOverlap[]): { joins: ClusterJoin[]; sharedWith: Map<string, SharedWith[]> } {
  const limits = joinLimits(aggregates.length);
  const known = new Set(aggregates.map((a) => a.accountId));
  const joins: ClusterJoin[] = [];
  for (const s of shared) {
    const v = { ...s, accountIds: s.accountIds.filter((id) => known.has(id)) };
    const n = v.accountIds.length;
    if (n < 2) continue;
    if (v.type === "IP" && n > limits.ipMaxAccounts) continue;
    if (v.type === "USER_AGENT" && n > limits.userAgentMaxAccounts) continue;
    joins.push({ type: v.type, value: v.value, accountIds: [...v.accountIds].sort() });
  }
  const distinct = new Map(aggregates.map((a) => [a.accountId, a.distinctKeys]));
  for (const o of overlaps) {
    if (!known.has(o.a) || !known.has(o.b)) continue;
    const smaller = Math.min(distinct.get(o.a) ?? 0, distinct.get(o.b) ?? 0);
    if (o.shared < limits.promptMinShared || o.shared < limits.promptMinFraction * smaller) continue;
    joins.push({ type: "PROMPTS", value: `${o.shared} identical prompts`, accountIds: [o.a, o.b].sort() });
  }
  const sharedWith = new Map<string, SharedWith[]>();
  for (const j of joins) {
    for (const id of j.accountIds) {
      const list = sharedWith.get(id) ?? [];
      list.push({ type: j.type, value: j.value, accountIds: j.accountIds.filter((x) => x !== id) });
      sharedWith.set(id, list);
    }
  }
  return { joins, sharedWith };
}

/** Connected components of two or more accounts over the joins. */
export function buildClusters(joins: readonly ClusterJoin[]): RawCluster[] {
  const uf = new UnionFind();
  for (const j of joins) for (const id of j.accountIds.slice(1)) uf.union(j.accountIds[0], id);
  const members = new Map<string, Set<string>>();
  for (const j of joins) {
    for (const id of j.accountIds) {
      const root = uf.find(id);
      const set = members.get(root) ?? new Set<string>();
      set.add(id);
      members.set(root, set);
    }
  }
  const clusters: RawCluster[] = [];
  for (const [root, set] of members) {
    if (set.size < 2) continue;
    const accountIds = [...set].sort();
    clusters.push({ id: `cluster-${accountIds[0]}`, accountIds, joins: joins.filter((j) => uf.find(j.accountIds[0]) === root) });
  }
  return clusters.sort((a, b) => b.accountIds.length - a.accountIds.length || a.id.localeCompare(b.id));
}

/** The members' rows as one profile: every sum adds up (distinct prompt counts are an upper bound). */
export function poolAggregates(id: string, members: readonly AccountAggregate[]): AccountAggregate {
  const pooled: AccountAggregate = {
    accountId: id, requests: 0, promptTokens: 0, completionTokens: 0, firstAt: Infinity, lastAt: -Infinity, withText: 0, keyed: 0, distinctKeys: 0, sharedPrompts: 0,
    sampledText: 0, reasoning: 0, hashed: 0, sampledHashed: 0, templated: 0, templatedDistinct: 0, hourOfDay: new Array<number>(24).fill(0), activeHours: 0, peakHour: 0, hourSquares: 0,
    gaps: 0, gapSum: 0, gapSquares: 0, gapLogSum: 0, gapLogSquares: 0,
  };
  for (const m of members) {
    for (const k of ["requests", "promptTokens", "completionTokens", "withText", "keyed", "distinctKeys", "sharedPrompts", "sampledText", "reasoning", "hashed", "sampledHashed", "templated", "templatedDistinct", "activeHours", "hourSquares", "gaps", "gapSum", "gapSquares", "gapLogSum", "gapLogSquares"] as const) {
      pooled[k] += m[k];
    }
    pooled.firstAt = Math.min(pooled.firstAt, m.firstAt);
    pooled.lastAt = Math.max(pooled.lastAt, m.lastAt);
    pooled.peakHour = Math.max(pooled.peakHour, m.peakHour);
    m.hourOfDay.forEach((n, h) => (pooled.hourOfDay[h] += n));
  }
  return pooled;
}
