// The answers of the audit routes as zod schemas: the OpenAPI document describes them from these,
// and the compile-time checks below keep them equal to the types the code answers with.
import { z } from "zod";
import type { AuditEntry, AuditEventView, WithheldAuditEvent } from "@/lib/audit/audit-entries";
import type { ChainReport } from "@/lib/audit/verify-audit-chain";
import type { listAuditEvents } from "@/lib/audit/list-audit-events";

export const ZAuditEventView = z.object({
  kind: z.literal("event"),
  seq: z.number().int().optional().describe("only for readers of the whole chain (ADMIN, AUDITOR)"),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  subject: z.string().nullable().describe("the item's own name where there is one"),
  summary: z.string().describe("one sentence in people's words"),
  changes: z.unknown(),
  people: z.record(z.string(), z.string()).describe("names of the people whose ids appear in the changes, by id"),
  requestId: z.string().nullable().optional(),
  ip: z.string().nullable().optional(),
  hash: z.string().optional(),
});

export const ZWithheldAuditEvent = z
  .object({ kind: z.literal("withheld"), seq: z.number().int(), at: z.string(), hash: z.string(), summary: z.string() })
  .describe("an event of a restricted case the reader (an AUDITOR) may not see, kept in its place in the chain");

export const ZAuditEntry = z.discriminatedUnion("kind", [ZAuditEventView, ZWithheldAuditEvent]);

export const ZAuditPage = z.object({
  scope: z.enum(["all", "chain", "cases"]),
  items: z.array(ZAuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZChainReport = z.union([
  z.object({ ok: z.literal(true), events: z.number().int(), headHash: z.string() }),
  z.object({ ok: z.literal(false), events: z.number().int(), brokenSeq: z.number().int(), reason: z.string() }),
]);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type AuditAnswerSchemasAgree = [
  Assert<Same<z.output<typeof ZAuditEventView>, AuditEventView>>,
  Assert<Same<z.output<typeof ZWithheldAuditEvent>, WithheldAuditEvent>>,
  Assert<Same<z.output<typeof ZAuditEntry>, AuditEntry>>,
  Assert<Same<z.output<typeof ZAuditPage>, Awaited<ReturnType<typeof listAuditEvents>>>>,
  Assert<Same<z.output<typeof ZChainReport>, ChainReport>>,
];
