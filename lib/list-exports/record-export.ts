// Every list export is an audit event (a sensitive read), written before the first row leaves.
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";

export async function recordListExport(ctx: RequestContext, list: "cases" | "accounts" | "audit", filters: Record<string, unknown>): Promise<void> {
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  await db().$transaction((tx) =>
    appendAuditEvent(tx, auditContextOf(ctx), { action: `${list}.export`, entityType: list === "audit" ? "AuditEvent" : list === "cases" ? "Case" : "Account", changes: { format: "csv", filters: kept } }),
  );
}

export const exportFilename = (list: string, now = new Date()) => `lantern-${list}-${now.toISOString().slice(0, 10)}.csv`;
