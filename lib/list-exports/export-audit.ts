// GET /api/v1/audit?format=csv: the audit list of the reader's scope (decision 0020) with its
// filters, newest first, paged by sequence number. Withheld rows stay in place with what the page
// shows of them; managers and investigators get no sequence numbers, hashes, addresses or request ids.
import type { RequestContext } from "@/lib/access/actor";
import type { AuditEntry } from "@/lib/audit/list-audit-events";
import { auditEntryChunks, auditWhere, ZListAuditQuery } from "@/lib/audit/list-audit-events";
import type { CellValue } from "@/lib/csv/csv-cells";
import { csvResponse } from "@/lib/csv/csv-stream";
import { exportFilename, recordListExport } from "@/lib/list-exports/record-export";
import { parseInput } from "@/lib/validation";

export const AUDIT_CSV_COLUMNS = ["seq", "at", "actorName", "actorEmail", "action", "entityType", "entityId", "caseNumber", "subject", "summary", "changes", "requestId", "ip", "hash"];

export async function exportAuditCsv(ctx: RequestContext, query: unknown, { chunk = 1000 }: { chunk?: number } = {}): Promise<Response> {
  const { page: _p, pageSize: _ps, ...filters } = parseInput(ZListAuditQuery, query);
  await auditWhere(ctx.actor, { ...filters, page: 1, pageSize: 1 }); // 403 before anything is recorded
  await recordListExport(ctx, "audit", filters);
  return csvResponse(exportFilename("audit"), AUDIT_CSV_COLUMNS, rows(ctx, filters, chunk));
}

async function* rows(ctx: RequestContext, filters: Record<string, unknown>, size: number): AsyncGenerator<CellValue[][]> {
  for await (const chunk of auditEntryChunks(ctx.actor, filters, size)) yield chunk.map(toCells);
}

function toCells(e: AuditEntry): CellValue[] {
  if (e.kind === "withheld") return [e.seq, e.at, null, null, null, null, null, null, null, e.summary, null, null, null, e.hash];
  return [
    e.seq ?? null, e.at, e.actorName, e.actorEmail, e.action, e.entityType, e.entityId, e.caseNumber, e.subject, e.summary,
    JSON.stringify(e.changes ?? {}), e.requestId ?? null, e.ip ?? null, e.hash ?? null,
  ];
}
