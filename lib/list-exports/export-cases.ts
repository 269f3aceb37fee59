// GET /api/v1/cases?format=csv: every case of the list's filters that the reader may see, newest
// first, paged through the database by (createdAt, id) so memory stays flat at any size.
import type { RequestContext } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { ZListCasesQuery } from "@/lib/cases/case-schemas";
import { caseListConditions } from "@/lib/cases/list-cases";
import type { CellValue } from "@/lib/csv/csv-cells";
import { csvResponse } from "@/lib/csv/csv-stream";
import { commaList } from "@/lib/db/dialect";
import { queryRows } from "@/lib/db/query-rows";
import { frag, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { exportFilename, recordListExport } from "@/lib/list-exports/record-export";
import { parseInput } from "@/lib/validation";

export const CASE_CSV_COLUMNS = ["number", "title", "status", "severity", "restricted", "tags", "lead", "leadEmail", "dueAt", "createdAt", "updatedAt", "closedAt", "resolution"];
/** Rows per database page (a test passes a small one to cross page boundaries). */
export type ExportOptions = { chunk?: number };

type Row = {
  id: string; number: string; title: string; status: string; severity: string; restricted: boolean | number | bigint; tags: string | null;
  leadName: string | null; leadEmail: string | null; dueAt: Date | string | null; createdAt: Date | string; updatedAt: Date | string; closedAt: Date | string | null; resolution: string | null;
};

const time = (v: Date | string | null) => (v === null ? null : new Date(v));

export async function exportCasesCsv(ctx: RequestContext, query: unknown, { chunk = 1000 }: ExportOptions = {}): Promise<Response> {
  const { sort: _s, order: _o, page: _p, pageSize: _ps, ...filters } = parseInput(ZListCasesQuery, query);
  const conditions = [...visibleCasesSql(ctx.actor), ...caseListConditions(filters)];
  await recordListExport(ctx, "cases", filters);
  return csvResponse(exportFilename("cases"), CASE_CSV_COLUMNS, caseChunks(conditions, chunk));
}

async function* caseChunks(conditions: Fragment[], chunk: number): AsyncGenerator<CellValue[][]> {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const keyset = after ? [frag(`(c."createdAt" < ? OR (c."createdAt" = ? AND c."id" < ?))`, after.createdAt, after.createdAt, after.id)] : [];
    const rows = await queryRows<Row>(
      withWhere(
        frag(`SELECT c."id", c."number", c."title", CAST(c."status" AS TEXT) AS "status", CAST(c."severity" AS TEXT) AS "severity", c."restricted",
          (SELECT ${commaList(`t."tag"`)} FROM "CaseTag" t WHERE t."caseId" = c."id") AS "tags", u."name" AS "leadName", u."email" AS "leadEmail",
          c."dueAt", c."createdAt", c."updatedAt", c."closedAt", CAST(c."resolution" AS TEXT) AS "resolution"
          FROM "Case" c LEFT JOIN "User" u ON u."id" = c."leadId"`),
        [...conditions, ...keyset],
        frag(` ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ?`, chunk),
      ),
    );
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.number, r.title, r.status, r.severity, Boolean(Number(r.restricted)), r.tags ? r.tags.split(",").sort().join(";") : "",
      r.leadName, r.leadEmail, time(r.dueAt), time(r.createdAt), time(r.updatedAt), time(r.closedAt), r.resolution,
    ]);
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1];
    after = { createdAt: new Date(last.createdAt), id: last.id };
  }
}
