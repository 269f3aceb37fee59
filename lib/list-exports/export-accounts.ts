// GET /api/v1/accounts?format=csv: every account of the list's filters, newest first, paged by
// (createdAt, id); case counts count only cases the reader may see, as on the list.
import type { RequestContext } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { assertAccountRead } from "@/lib/accounts/account-access";
import { splitEmails } from "@/lib/accounts/account-detail";
import { ZListAccountsQuery } from "@/lib/accounts/account-schemas";
import { accountListConditions } from "@/lib/accounts/list-accounts";
import type { CellValue } from "@/lib/csv/csv-cells";
import { csvResponse } from "@/lib/csv/csv-stream";
import { queryRows } from "@/lib/db/query-rows";
import { frag, join, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { exportFilename, recordListExport } from "@/lib/list-exports/record-export";
import type { Actor } from "@/lib/access/actor";
import { parseInput } from "@/lib/validation";

export const ACCOUNT_CSV_COLUMNS = ["externalId", "displayName", "emails", "organization", "country", "status", "riskScore", "attributeCount", "caseCount", "createdAt", "updatedAt"];
/** Rows per database page (a test passes a small one to cross page boundaries). */
export type ExportOptions = { chunk?: number };

type Row = {
  id: string; externalId: string; displayName: string; emails: string; organization: string; country: string | null; status: string;
  riskScore: number | bigint; attributeCount: number | bigint; caseCount: number | bigint; createdAt: Date | string; updatedAt: Date | string;
};

export async function exportAccountsCsv(ctx: RequestContext, query: unknown, { chunk = 1000 }: ExportOptions = {}): Promise<Response> {
  assertAccountRead(ctx.actor);
  const { sort: _s, order: _o, page: _p, pageSize: _ps, ...filters } = parseInput(ZListAccountsQuery, query);
  const conditions = accountListConditions(ctx.actor, filters);
  await recordListExport(ctx, "accounts", filters);
  return csvResponse(exportFilename("accounts"), ACCOUNT_CSV_COLUMNS, accountChunks(ctx.actor, conditions, chunk));
}

function head(actor: Actor): Fragment {
  const visible = visibleCasesSql(actor).map((v) => join([frag(" AND "), v], ""));
  return join(
    [
      frag(`SELECT a."id", a."externalId", a."displayName", a."emails", a."organization", a."country", CAST(a."status" AS TEXT) AS "status", a."riskScore",
        (SELECT count(*) FROM "AccountAttribute" aa WHERE aa."accountId" = a."id") AS "attributeCount",
        (SELECT count(*) FROM "CaseAccount" ca JOIN "Case" c ON c."id" = ca."caseId" WHERE ca."accountId" = a."id"`),
      ...visible,
      frag(`) AS "caseCount", a."createdAt", a."updatedAt" FROM "Account" a`),
    ],
    "",
  );
}

async function* accountChunks(actor: Actor, conditions: Fragment[], chunk: number): AsyncGenerator<CellValue[][]> {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const keyset = after ? [frag(`(a."createdAt" < ? OR (a."createdAt" = ? AND a."id" < ?))`, after.createdAt, after.createdAt, after.id)] : [];
    const rows = await queryRows<Row>(withWhere(head(actor), [...conditions, ...keyset], frag(` ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ?`, chunk)));
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.externalId, r.displayName, splitEmails(r.emails).join(";"), r.organization, r.country, r.status, Number(r.riskScore),
      Number(r.attributeCount), Number(r.caseCount), new Date(r.createdAt), new Date(r.updatedAt),
    ]);
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1];
    after = { createdAt: new Date(last.createdAt), id: last.id };
  }
}
