// The account list: searched, filtered, sorted and paged on the server (hand-built SQL, like the
// case list). Case counts and the caseId filter count only cases the viewer may see.
import type { Actor } from "@/lib/access/actor";
import { assertAccountRead } from "@/lib/accounts/account-access";
import { splitEmails } from "@/lib/accounts/account-detail";
import { ZListAccountsQuery } from "@/lib/accounts/account-schemas";
import type { AccountSummary } from "@/lib/accounts/account-view";
import { visibleCasesSql } from "@/lib/access/case-access";
import { notHiddenCaseSql } from "@/lib/access/hidden-cases";
import type { Page } from "@/lib/cases/list-cases";
import { containsText } from "@/lib/db/dialect";
import { enumIn } from "@/lib/db/enum-in";
import { queryCount, queryRows } from "@/lib/db/query-rows";
import { frag, inList, join, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import type { AccountStatus } from "@/lib/generated/sqlite/enums";
import { parseInput } from "@/lib/validation";

export type AccountListQuery = ReturnType<typeof ZListAccountsQuery.parse>;
type Query = AccountListQuery;

export async function listAccounts(actor: Actor, query: unknown): Promise<Page<AccountSummary>> {
  assertAccountRead(actor);
  const q = parseInput(ZListAccountsQuery, query);
  const conditions = accountListConditions(actor, q);
  const visible = visibleCasesSql(actor);
  const caseCount = join(
    [frag(`(SELECT count(*) FROM "CaseAccount" ca JOIN "Case" c ON c."id" = ca."caseId" WHERE ca."accountId" = a."id"`), ...visible.map((v) => join([frag(" AND "), v], "")), frag(`) AS "caseCount"`)],
    "",
  );
  const head = join(
    [frag(`SELECT ${COLUMNS}, (SELECT count(*) FROM "AccountAttribute" aa WHERE aa."accountId" = a."id") AS "attributeCount", `), caseCount, frag(` FROM "Account" a`)],
    "",
  );
  const page = withWhere(head, conditions, frag(` ORDER BY ${orderBy(q)} LIMIT ? OFFSET ?`, q.pageSize, (q.page - 1) * q.pageSize));
  const [rows, total] = await Promise.all([
    queryRows<Row>(page),
    queryCount(withWhere(frag(`SELECT count(*) AS "n" FROM "Account" a`), conditions, frag(""))),
  ]);
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

const COLUMNS = [`a."id"`, `a."externalId"`, `a."displayName"`, `a."emails"`, `a."organization"`, `a."country"`, `a."status"`, `a."riskScore"`, `a."createdAt"`, `a."updatedAt"`].join(", ");

type Row = {
  id: string;
  externalId: string;
  displayName: string;
  emails: string;
  organization: string;
  country: string | null;
  status: string;
  riskScore: number | bigint;
  createdAt: Date | string;
  updatedAt: Date | string;
  attributeCount: number | bigint;
  caseCount: number | bigint;
};

const iso = (v: Date | string) => new Date(v).toISOString();

function toSummary(r: Row): AccountSummary {
  return {
    id: r.id,
    externalId: r.externalId,
    displayName: r.displayName,
    status: r.status as AccountStatus,
    riskScore: Number(r.riskScore),
    emails: splitEmails(r.emails),
    organization: r.organization,
    country: r.country,
    attributeCount: Number(r.attributeCount),
    caseCount: Number(r.caseCount),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** The list's filters as conditions on the account aliased `a`; the dashboard counts through them
 *  too, so a figure and the list it links to agree. */
export function accountListConditions(actor: Actor, q: Omit<Query, "sort" | "order" | "page" | "pageSize">): Fragment[] {
  const out: Fragment[] = [];
  if (q.revokedFrom || q.revokedTo) {
    const range = [
      ...(q.revokedFrom ? [frag(`x."executedAt" >= ?`, q.revokedFrom)] : []),
      ...(q.revokedTo ? [frag(`x."executedAt" < ?`, q.revokedTo)] : []),
    ];
    out.push(join([frag(`a."id" IN (`), revocationTargets(actor, ["EXECUTED", "VERIFIED"], range), frag(")")], ""));
  }
  if (q.onRevocation !== undefined) {
    const on = revocationTargets(actor, ["PROPOSED", "APPROVED", "EXECUTED", "VERIFIED"], []);
    out.push(join([frag(`a."id" ${q.onRevocation ? "IN" : "NOT IN"} (`), on, frag(")")], ""));
  }
  if (q.status?.length) out.push(frag(`CAST(a."status" AS TEXT) IN (${inList(q.status)})`, ...q.status));
  if (q.organization) out.push(frag(`a."organization" = ?`, q.organization));
  if (q.country) out.push(frag(`a."country" = ?`, q.country));
  if (q.riskMin !== undefined) out.push(frag(`a."riskScore" >= ?`, q.riskMin));
  if (q.riskMax !== undefined) out.push(frag(`a."riskScore" <= ?`, q.riskMax));
  if (q.attributeType?.length) {
    out.push(frag(`EXISTS (SELECT 1 FROM "AccountAttribute" t WHERE t."accountId" = a."id" AND CAST(t."type" AS TEXT) IN (${inList(q.attributeType)}))`, ...q.attributeType));
  }
  if (q.caseId) {
    // Accounts on a case the viewer cannot see: none (the case does not exist for them).
    out.push(
      join(
        [
          frag(`a."id" IN (SELECT ca."accountId" FROM "CaseAccount" ca JOIN "Case" c ON c."id" = ca."caseId" WHERE (c."id" = ? OR c."number" = ?)`, q.caseId, q.caseId),
          ...visibleCasesSql(actor).map((v) => join([frag(" AND "), v], "")),
          frag(")"),
        ],
        "",
      ),
    );
  }
  if (q.q) {
    const text = containsText([`a."externalId"`, `a."displayName"`, `a."emails"`, `a."organization"`], q.q);
    const attr = containsText([`v."value"`], q.q);
    out.push(join([frag("("), text, frag(` OR a."id" IN (SELECT v."accountId" FROM "AccountAttribute" v WHERE `), attr, frag("))")], ""));
  }
  return out;
}

function orderBy(q: Query): string {
  const dir = q.order === "asc" ? "ASC" : "DESC";
  switch (q.sort) {
    case "created":
      return `a."createdAt" ${dir}, a."id" ${dir}`;
    case "externalId":
      return `a."externalId" ${dir}`;
    case "name":
      return `a."displayName" ${dir}, a."id" ${dir}`;
    case "risk":
      return `a."riskScore" ${dir}, a."id" ${dir}`;
    case "organization":
      return `a."organization" ${dir}, a."id" ${dir}`;
    default:
      return `a."updatedAt" ${dir}, a."id" ${dir}`;
  }
}

/** Ids of accounts targeted by access revocations in one of `statuses`, on cases the actor can see. */
export function revocationTargets(actor: Actor, statuses: readonly string[], more: Fragment[]): Fragment {
  return withWhere(
    frag(`SELECT t."accountId" FROM "ActionTarget" t JOIN "Action" x ON x."id" = t."actionId"`),
    [
      frag(`t."accountId" IS NOT NULL`),
      enumIn(`x."type"`, "ActionType", ["ACCESS_REVOCATION"]),
      enumIn(`x."status"`, "ActionStatus", statuses),
      ...more,
      ...notHiddenCaseSql(actor, `x."caseId"`),
    ],
    frag(""),
  );
}
