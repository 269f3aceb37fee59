// The case list: access-scoped, filtered, searched, sorted and paged on the server. Hand-built SQL
// (through lib/db/dialect.ts for what differs by provider) because this is the hottest read of the
// app: one query for the page with its lead and tags, and counts that read index ranges or a few
// counter and tally rows, never the whole table; a search runs its text match once; on PostgreSQL the
// statement goes straight through pg, not through Prisma (queryHotRows; decision 0021).
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { visibleCasesSql } from "@/lib/access/case-access";
import { ZListCasesQuery } from "@/lib/cases/case-schemas";
import type { CaseSummary } from "@/lib/cases/case-view";
import { caseTextSearch, commaList } from "@/lib/db/dialect";
import { queryHotCount, queryHotRows } from "@/lib/db/query-rows";
import { frag, inList, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import type { CaseStatus, Severity } from "@/lib/generated/sqlite/enums";
import { parseInput } from "@/lib/validation";

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CaseListQuery = ReturnType<typeof ZListCasesQuery.parse>;
type Query = CaseListQuery;

export async function listCases(actor: Actor, query: unknown): Promise<Page<CaseSummary>> {
  const q = parseInput(ZListCasesQuery, query);
  const seesAll = can(actor.role, "case:restricted:all");
  const conditions = caseListConditions(q);
  // Restricted cases the actor is not a member of; the memberships carry the case's flag so the
  // subquery reads only the actor's few restricted memberships.
  const hidden = frag(
    `c."restricted" = TRUE AND c."id" NOT IN (SELECT m."caseId" FROM "CaseMember" m WHERE m."userId" = ? AND m."caseRestricted" = TRUE)`,
    actor.id,
  );
  const visible = [...visibleCasesSql(actor), ...conditions];
  // The first page of the unfiltered list (every list page's and the home page's first view) is a
  // prepared statement with its LIMIT in the text: a few texts in all (sort, order, page size of
  // PREPARED_PAGE_SIZES, whether the actor sees all), planned once per pool connection.
  const prepared = !conditions.length && !q.q && q.page === 1 && PREPARED_PAGE_SIZES.has(q.pageSize);
  const limit = prepared ? frag(` LIMIT ${q.pageSize} OFFSET 0`) : frag(` LIMIT ? OFFSET ?`, q.pageSize, (q.page - 1) * q.pageSize);
  if (q.q) {
    // A search runs its text match once per request: the visible matches (id and sort keys only)
    // are found once, then counted and paged; only the page's rows are joined. A page past the
    // last match counts again.
    const found = withWhere(frag(`WITH "found" AS MATERIALIZED (SELECT ${SORT_KEYS} FROM "Case" c`), visible, frag(`)`));
    const rows = await queryHotRows<PageRow & { total: bigint | number | string }>(
      frag(
        `${found.text} SELECT ${PAGE_COLUMNS}, (SELECT count(*) FROM "found") AS "total", ${TAGS}
          FROM (SELECT c."id" FROM "found" c ORDER BY ${orderBy(q)}${limit.text}) p
          JOIN "Case" c ON c."id" = p."id" LEFT JOIN "User" u ON u."id" = c."leadId"
          ORDER BY ${orderBy(q)}`,
        ...found.params,
        ...limit.params,
      ),
      { isoTimestamps: true },
    );
    const total = rows.length ? Number(rows[0].total) : await count(visible);
    return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
  }
  // Visible = all that match − hidden ones. Without filters, all = the case numbers handed out.
  // Both are uncorrelated subqueries of the page's statement (evaluated once), so a page view is
  // one round trip; only a page past the last case asks for the total alone.
  const all = conditions.length ? countSql(conditions) : ALL_CASES;
  const hiddenCount = seesAll ? frag("0") : conditions.length ? countSql([...conditions, hidden]) : hiddenWithoutFilters(actor.id);
  const total = frag(`((${all.text}) - (${hiddenCount.text}))`, ...all.params, ...hiddenCount.params);
  const page = withWhere(
    frag(`SELECT ${PAGE_COLUMNS}, ${TAGS}, ${total.text} AS "total" FROM "Case" c LEFT JOIN "User" u ON u."id" = c."leadId"`, ...total.params),
    visible,
    frag(` ORDER BY ${orderBy(q)}${limit.text}`, ...limit.params),
  );
  const rows = await queryHotRows<PageRow & { total: bigint | number | string }>(page, { prepared, isoTimestamps: true });
  const totalCount = rows.length ? Number(rows[0].total) : await queryHotCount(frag(`SELECT ${total.text} AS "n"`, ...total.params));
  return { items: rows.map(toSummary), total: totalCount, page: q.page, pageSize: q.pageSize };
}

/** Page sizes whose first unfiltered page is a prepared statement (the default and the common ones). */
const PREPARED_PAGE_SIZES = new Set([10, 20, 25, 50, 100]);

const PAGE_COLUMNS = [
  `c."id"`, `c."number"`, `c."title"`, `c."status"`, `c."severity"`, `c."restricted"`, `c."dueAt"`, `c."createdAt"`, `c."updatedAt"`,
  `u."id" AS "leadId"`, `u."name" AS "leadName"`, `u."email" AS "leadEmail"`,
].join(", ");

const TAGS = `(SELECT ${commaList(`t."tag"`)} FROM "CaseTag" t WHERE t."caseId" = c."id") AS "tags"`;
/** The columns every sort order reads (orderBy), so a search pages its matches without the rows. */
const SORT_KEYS = [`c."id"`, `c."updatedAt"`, `c."createdAt"`, `c."severityRank"`, `c."dueAt"`].join(", ");

type PageRow = {
  id: string;
  number: string;
  title: string;
  status: string;
  severity: string;
  restricted: boolean | number | bigint;
  dueAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  leadId: string | null;
  leadName: string | null;
  leadEmail: string | null;
  tags: string | null;
};

/** ISO 8601 in UTC; on PostgreSQL the page's timestamps already arrive so (queryHotRows
 *  isoTimestamps), from SQLite's read connection as stored ("…+00:00"): both without a Date. */
function iso(v: Date | string): string {
  if (typeof v === "string") {
    if (ISO_UTC.test(v)) return v;
    if (STORED_UTC.test(v)) return `${v.slice(0, 23)}Z`;
  }
  return new Date(v).toISOString();
}
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STORED_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

function toSummary(r: PageRow): CaseSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status as CaseStatus,
    severity: r.severity as Severity,
    restricted: Boolean(Number(r.restricted)),
    tags: r.tags ? r.tags.split(",").sort() : [],
    lead: r.leadId ? { id: r.leadId, name: r.leadName ?? "", email: r.leadEmail ?? "" } : null,
    dueAt: r.dueAt === null ? null : iso(r.dueAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** The list's filters as conditions on the case aliased `c` (without visibility: callers add
 *  visibleCasesSql). The dashboard counts through these too, so a figure and the list it links to agree. */
export function caseListConditions(q: Omit<Query, "sort" | "order" | "page" | "pageSize">): Fragment[] {
  const out: Fragment[] = [];
  if (q.status?.length) out.push(frag(`CAST(c."status" AS TEXT) IN (${inList(q.status)})`, ...q.status));
  if (q.severity?.length) out.push(frag(`CAST(c."severity" AS TEXT) IN (${inList(q.severity)})`, ...q.severity));
  if (q.leadId === "none") out.push(frag(`c."leadId" IS NULL`));
  else if (q.leadId) out.push(frag(`c."leadId" = ?`, q.leadId));
  if (q.createdFrom) out.push(frag(`c."createdAt" >= ?`, q.createdFrom));
  if (q.createdTo) out.push(frag(`c."createdAt" < ?`, q.createdTo));
  if (q.closedFrom) out.push(frag(`c."closedAt" >= ?`, q.closedFrom));
  if (q.closedTo) out.push(frag(`c."closedAt" < ?`, q.closedTo));
  if (q.dueBefore) out.push(frag(`c."dueAt" < ?`, q.dueBefore));
  if (q.member) out.push(frag(`c."id" IN (SELECT mm."caseId" FROM "CaseMember" mm WHERE mm."userId" = ?)`, q.member));
  if (q.tag) out.push(frag(`c."id" IN (SELECT t."caseId" FROM "CaseTag" t WHERE t."tag" = ?)`, q.tag));
  if (q.restricted !== undefined) out.push(frag(`c."restricted" = ${q.restricted ? "TRUE" : "FALSE"}`));
  if (q.q) out.push(caseTextSearch(q.q));
  return out;
}

function orderBy(q: Query): string {
  const dir = q.order === "asc" ? "ASC" : "DESC";
  switch (q.sort) {
    case "created":
      return `c."createdAt" ${dir}, c."id" ${dir}`;
    case "severity":
      return `c."severityRank" ${dir}, c."updatedAt" DESC, c."id" DESC`;
    case "due":
      return `c."dueAt" ${dir} NULLS LAST, c."id" ${dir}`;
    default:
      return `c."updatedAt" ${dir}, c."id" ${dir}`;
  }
}

function count(conditions: Fragment[]): Promise<number> {
  return queryHotCount(withWhere(frag(`SELECT count(*) AS "n" FROM "Case" c`), conditions, frag("")));
}

/** The count of cases matching `conditions`, as a scalar subquery's SELECT. */
function countSql(conditions: Fragment[]): Fragment {
  return withWhere(frag(`SELECT count(*) FROM "Case" c`), conditions, frag(""));
}

/**
 * Every case, without reading the cases: each one took its number from a CaseCounter row in the
 * transaction that inserted it (a rolled-back create gives the number back) and cases are never
 * deleted, so the counters' sum is the count. A handful of rows, where count(*) read the whole
 * table or an index of it on every page view (4-6 ms at 100,000 cases on PostgreSQL; decision 0021).
 */
const ALL_CASES = frag(`SELECT COALESCE(SUM("lastSeq"), 0) FROM "CaseCounter"`);

/**
 * Without filters, hidden = restricted cases − the actor's restricted memberships. The restricted
 * cases are read from their tally (CaseTally, kept by triggers on "Case" in the transaction of every
 * write; its migration), one row where the count read 5,000 index entries per page view at the
 * bench's 100,000 cases (0.4 of PostgreSQL's 1.4 ms; decision 0021); counted only if the row is
 * missing. The memberships stay an index range of the actor's own.
 */
function hiddenWithoutFilters(userId: string): Fragment {
  return frag(
    `SELECT COALESCE((SELECT "value" FROM "CaseTally" WHERE "name" = 'restricted'), (SELECT count(*) FROM "Case" WHERE "restricted" = TRUE))
          - (SELECT count(*) FROM "CaseMember" WHERE "userId" = ? AND "caseRestricted" = TRUE)`,
    userId,
  );
}
