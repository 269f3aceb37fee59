// Suggested links from shared attribute values (decision 0012). Recomputed for the accounts whose
// attributes changed (create, update) or for everything (import, `recomputeSuggestedLinks()`):
// - each value shared by 2..threshold accounts joins every pair of them; a value shared by more is
//   noise: it joins nobody and the explanations of pairs that share it say so;
// - a pair whose combined confidence reaches MIN_SUGGESTION_CONFIDENCE is a SUGGESTED link;
// - a DISMISSED link stays dismissed while its evidence fingerprint is the one dismissed, and comes
//   back as SUGGESTED when the shared values change; ACCEPTED links keep their status;
// - a SUGGESTED link whose evidence is gone is removed.
// Suggestions are derived data, recomputable at any time: they are not audited; deciding one is.
import { performance } from "node:perf_hooks";
import { insertRows, newId, type Column } from "@/lib/db/bulk-insert";
import { db } from "@/lib/db/client";
import { lockNamed } from "@/lib/db/dialect";
import { commaList } from "@/lib/db/dialect";
import { queryRows } from "@/lib/db/query-rows";
import { frag, inList, type Fragment } from "@/lib/db/sql-fragment";
import { env } from "@/lib/env";
import type { AttributeType, LinkStatus } from "@/lib/generated/sqlite/enums";
import {
  ATTRIBUTE_WEIGHTS,
  evidenceFingerprint,
  explainLink,
  linkConfidence,
  linkReason,
  MIN_SUGGESTION_CONFIDENCE,
  type NoiseValue,
} from "@/lib/link-suggestions/link-scoring";
import type { RecomputeResult, SharedAttribute } from "@/lib/link-suggestions/suggestion-types";

/** Above this many changed accounts a scoped recompute is slower than a full one. */
// (Also keeps the scope under 999 parameters a query, the most Prisma sends SQLite.)
const FULL_RECOMPUTE_ABOVE = 900;
// Prisma refuses a query of more than 999 parameters on SQLite; two IN lists of 400 stay under it.
const CHUNK = 400;

type Group = { type: AttributeType; value: string; n: number | bigint; ids: string | null };
type Candidate = { a: string; b: string; shared: SharedAttribute[]; noise: NoiseValue[] };

export type RecomputeScope = {
  /** Accounts whose attributes changed; omit for a full recompute. */
  accountIds?: readonly string[];
  /** Values those accounts lost (their other carriers may now cross the noise threshold). */
  removedValues?: readonly SharedAttribute[];
};

export async function recomputeSuggestedLinks(opts: RecomputeScope = {}): Promise<RecomputeResult> {
  const started = performance.now();
  const threshold = env().LANTERN_LINK_NOISE_THRESHOLD;
  let scope: Set<string> | null = null;
  if (opts.accountIds && opts.accountIds.length <= FULL_RECOMPUTE_ABOVE) {
    if (opts.accountIds.length === 0) return { created: 0, updated: 0, removed: 0, reopened: 0, pairs: 0, ms: 0 };
    scope = await affectedAccounts(opts.accountIds, opts.removedValues ?? [], threshold);
    if (scope.size > FULL_RECOMPUTE_ABOVE) scope = null;
  }
  const groups = await sharedGroups(threshold, scope);
  const noise = new Map<string, NoiseValue>();
  const pairs = new Map<string, Candidate>();
  // Strong values (payment, API key, device, IP) make pairs; weak ones (email domain, user agent)
  // only add to pairs a strong value made: alone they never reach the suggestion threshold, and
  // an organization's shared domain would otherwise make every pair of its accounts a candidate.
  const weak: Group[] = [];
  for (const g of groups) {
    if (g.ids === null) {
      noise.set(`${g.type}\u0000${g.value}`, { type: g.type, value: g.value, accounts: Number(g.n) });
      continue;
    }
    if (ATTRIBUTE_WEIGHTS[g.type] < MIN_SUGGESTION_CONFIDENCE) {
      weak.push(g);
      continue;
    }
    const ids = g.ids.split(",").sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if (scope && !scope.has(ids[i]) && !scope.has(ids[j])) continue;
        const k = `${ids[i]},${ids[j]}`;
        let c = pairs.get(k);
        if (!c) pairs.set(k, (c = { a: ids[i], b: ids[j], shared: [], noise: [] }));
        c.shared.push({ type: g.type, value: g.value });
      }
    }
  }
  for (const g of weak) {
    const ids = g.ids!.split(",").sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) pairs.get(`${ids[i]},${ids[j]}`)?.shared.push({ type: g.type, value: g.value });
    }
  }
  for (const [k, c] of pairs) if (linkConfidence(c.shared) < MIN_SUGGESTION_CONFIDENCE) pairs.delete(k);
  if (noise.size > 0 && pairs.size > 0) await attachNoise(pairs, noise);

  const result = await writeSuggestions(pairs, scope);
  return { ...result, pairs: pairs.size, ms: Math.round(performance.now() - started) };
}

/**
 * The changed accounts and every account sharing a value with them that is, or just stopped being,
 * below the noise threshold: their pairs are the ones whose evidence may have changed. A value
 * that was noise before the change and still is (more carriers than threshold + changed accounts)
 * joins nobody either way, so a public email domain does not pull in its thousands of carriers.
 */
async function affectedAccounts(accountIds: readonly string[], removed: readonly SharedAttribute[], threshold: number): Promise<Set<string>> {
  const scope = new Set(accountIds);
  const limit = threshold + accountIds.length;
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const chunk = accountIds.slice(i, i + CHUNK);
    const rows = await queryRows<{ accountId: string }>(
      frag(
        `SELECT DISTINCT x."accountId" AS "accountId" FROM "AccountAttribute" t
           JOIN "AccountAttribute" x ON x."type" = t."type" AND x."value" = t."value"
          WHERE t."accountId" IN (${inList(chunk)})
            AND (SELECT count(*) FROM "AccountAttribute" n WHERE n."type" = t."type" AND n."value" = t."value") <= ?`,
        ...chunk,
        limit,
      ),
    );
    for (const r of rows) scope.add(r.accountId);
  }
  for (let i = 0; i < removed.length; i += CHUNK) {
    const chunk = removed.slice(i, i + CHUNK);
    const rows = await queryRows<{ accountId: string; n: number | bigint }>(
      frag(
        `SELECT x."accountId" AS "accountId", (SELECT count(*) FROM "AccountAttribute" n WHERE n."type" = x."type" AND n."value" = x."value") AS "n"
           FROM "AccountAttribute" x WHERE ${chunk.map(() => `(x."type" = ? AND x."value" = ?)`).join(" OR ")}`,
        ...chunk.flatMap((v) => [v.type, v.value]),
      ),
    );
    for (const r of rows) if (Number(r.n) <= limit) scope.add(r.accountId);
  }
  return scope;
}

/** Values carried by 2+ accounts: their account ids when at most `threshold`, else ids = null (noise). */
function sharedGroups(threshold: number, scope: Set<string> | null): Promise<Group[]> {
  const where = scope
    ? frag(
        ` WHERE EXISTS (SELECT 1 FROM "AccountAttribute" s WHERE s."type" = x."type" AND s."value" = x."value" AND s."accountId" IN (${inList([...scope])}))`,
        ...scope,
      )
    : frag("");
  const q: Fragment = {
    text: `SELECT x."type" AS "type", x."value" AS "value", count(*) AS "n",
                  CASE WHEN count(*) <= ? THEN ${commaList(`x."accountId"`)} END AS "ids"
             FROM "AccountAttribute" x${where.text}
            GROUP BY x."type", x."value" HAVING count(*) > 1`,
    params: [threshold, ...where.params],
  };
  return queryRows<Group>(q);
}

/** Adds to each pair the noise values both accounts carry, for its explanation. */
async function attachNoise(pairs: Map<string, Candidate>, noise: Map<string, NoiseValue>): Promise<void> {
  const accounts = new Set<string>();
  for (const c of pairs.values()) accounts.add(c.a).add(c.b);
  const noiseOf = new Map<string, NoiseValue[]>();
  const ids = [...accounts];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await queryRows<{ accountId: string; type: AttributeType; value: string }>(
      frag(`SELECT "accountId", "type", "value" FROM "AccountAttribute" WHERE "accountId" IN (${inList(chunk)})`, ...chunk),
    );
    for (const r of rows) {
      const n = noise.get(`${r.type}\u0000${r.value}`);
      if (!n) continue;
      const list = noiseOf.get(r.accountId) ?? [];
      list.push(n);
      noiseOf.set(r.accountId, list);
    }
  }
  for (const c of pairs.values()) {
    const theirs = noiseOf.get(c.b);
    if (!theirs) continue;
    const set = new Set(theirs);
    c.noise = (noiseOf.get(c.a) ?? []).filter((n) => set.has(n));
  }
}

type Existing = {
  id: string;
  accountAId: string;
  accountBId: string;
  status: LinkStatus;
  evidenceFingerprint: string | null;
  dismissedFingerprint: string | null;
  explanation: string;
};

async function writeSuggestions(pairs: Map<string, Candidate>, scope: Set<string> | null) {
  const counts = { created: 0, updated: 0, removed: 0, reopened: 0 };
  await db().$transaction(
    async (tx) => {
      await lockNamed(tx, "link-suggestions");
      const existing: Existing[] = [];
      const select = { id: true, accountAId: true, accountBId: true, status: true, evidenceFingerprint: true, dismissedFingerprint: true, explanation: true } as const;
      if (scope) {
        const ids = [...scope];
        for (let i = 0; i < ids.length; i += CHUNK) {
          const chunk = ids.slice(i, i + CHUNK);
          existing.push(
            ...(await tx.accountLink.findMany({ where: { source: "COMPUTED", OR: [{ accountAId: { in: chunk } }, { accountBId: { in: chunk } }] }, select })),
          );
        }
      } else {
        existing.push(...(await tx.accountLink.findMany({ where: { source: "COMPUTED" }, select })));
      }
      const seen = new Set<string>();
      const removeIds: string[] = [];
      for (const link of existing) {
        const k = `${link.accountAId},${link.accountBId}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const c = pairs.get(k);
        if (!c) {
          if (link.status === "SUGGESTED") removeIds.push(link.id);
          continue;
        }
        pairs.delete(k);
        const fingerprint = evidenceFingerprint(c.shared);
        const explanation = explainLink(c.shared, c.noise);
        const reopen = link.status === "DISMISSED" && link.dismissedFingerprint !== fingerprint;
        if (!reopen && link.evidenceFingerprint === fingerprint && link.explanation === explanation) continue;
        await tx.accountLink.update({
          where: { id: link.id },
          data: {
            ...fields(c, fingerprint, explanation),
            ...(reopen && { status: "SUGGESTED", dismissedFingerprint: null, decidedById: null, decidedAt: null }),
          },
        });
        if (reopen) counts.reopened++;
        else counts.updated++;
      }
      for (let i = 0; i < removeIds.length; i += CHUNK) {
        counts.removed += (await tx.accountLink.deleteMany({ where: { id: { in: removeIds.slice(i, i + CHUNK) } } })).count;
      }
      const now = new Date();
      const fresh = [...pairs.values()].map((c) => {
        const f = fields(c, evidenceFingerprint(c.shared), explainLink(c.shared, c.noise));
        return [newId(), c.a, c.b, "COMPUTED", "SUGGESTED", f.reason, f.confidence, f.explanation, f.sharedAttributes, f.evidenceFingerprint, now, now];
      });
      counts.created += await insertRows(tx, "AccountLink", LINK_COLUMNS, fresh);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return counts;
}

const LINK_COLUMNS: Column[] = [
  { name: "id" }, { name: "accountAId" }, { name: "accountBId" }, { name: "source", type: { enum: "LinkSource" } }, { name: "status", type: { enum: "LinkStatus" } },
  { name: "reason" }, { name: "confidence", type: "float" }, { name: "explanation" }, { name: "sharedAttributes" }, { name: "evidenceFingerprint" },
  { name: "createdAt", type: "timestamp" }, { name: "updatedAt", type: "timestamp" },
];

function fields(c: Candidate, fingerprint: string, explanation: string) {
  return {
    reason: linkReason(c.shared),
    confidence: linkConfidence(c.shared),
    explanation,
    sharedAttributes: JSON.stringify(c.shared),
    evidenceFingerprint: fingerprint,
  };
}
