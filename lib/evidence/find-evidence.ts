// Evidence across every case the actor may see: by title or filename, or by SHA-256 (a full hash
// or a prefix of 8+ hex digits), to answer "have we seen this file before, and where?". The page
// of ids is hand-built SQL (LIKE wildcards in the query must stay literal, which Prisma's
// `contains` does not promise on SQLite); the rows then come through the usual select.
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";
import { containsText } from "@/lib/db/dialect";
import { queryCount, queryRows } from "@/lib/db/query-rows";
import { frag, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { EVIDENCE_KINDS } from "@/lib/evidence/evidence-schemas";
import { evidenceSelect, toEvidenceView, type EvidenceView } from "@/lib/evidence/evidence-view";
import { emptyToUndefined, parseInput, ZPageQuery } from "@/lib/validation";

export const ZFindEvidenceQuery = ZPageQuery.extend({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200, "must be at most 200 characters").optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(EVIDENCE_KINDS).optional()),
});

export const MIN_HASH_PREFIX = 8;
const HASH_PREFIX = new RegExp(`^[0-9a-f]{${MIN_HASH_PREFIX},64}$`, "i");

/** Whether a search looks like a hash prefix too short to be searched as one (it is still matched
 *  against titles and file names), so the page can say so instead of only "No evidence matches". */
export function isShortHashPrefix(q: string | undefined): boolean {
  const t = q?.trim() ?? "";
  return /^[0-9a-f]+$/i.test(t) && t.length < MIN_HASH_PREFIX && /\d/.test(t);
}

export type FoundEvidence = EvidenceView & { caseNumber: string };

export async function findEvidence(actor: Actor, query: unknown = {}) {
  const { page, pageSize, q, kind } = parseInput(ZFindEvidenceQuery, query);
  const conditions: Fragment[] = visibleCasesSql(actor);
  if (kind) conditions.push(frag(`CAST(e."kind" AS TEXT) = ?`, kind));
  if (q) {
    const text = containsText([`e."title"`, `e."originalFilename"`], q);
    if (HASH_PREFIX.test(q)) {
      // Hex could be a hash prefix or part of a name ("20261102"): either matches. The hash is a
      // range, not LIKE, so the sha256 index serves it on both databases ("g" sorts after hex).
      const prefix = q.toLowerCase();
      conditions.push(frag(`((e."sha256" >= ? AND e."sha256" < ?) OR ${text.text})`, prefix, `${prefix}g`, ...text.params));
    } else {
      conditions.push(text);
    }
  }
  const from = frag(`FROM "Evidence" e JOIN "Case" c ON c."id" = e."caseId"`);
  const [idRows, total] = await Promise.all([
    queryRows<{ id: string }>(
      withWhere(frag(`SELECT e."id" AS "id" ${from.text}`), conditions, frag(` ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ? OFFSET ?`, pageSize, (page - 1) * pageSize)),
    ),
    queryCount(withWhere(frag(`SELECT count(*) AS "n" ${from.text}`), conditions, frag(""))),
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = await db().evidence.findMany({ where: { id: { in: ids } }, select: { ...evidenceSelect, case: { select: { number: true } } } });
  const byId = new Map(rows.map(({ case: c, ...row }) => [row.id, { ...toEvidenceView(row), caseNumber: c.number }]));
  const items: FoundEvidence[] = ids.flatMap((id) => byId.get(id) ?? []);
  return { items, total, page, pageSize };
}
