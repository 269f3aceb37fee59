// The answers of the case routes as zod schemas: the OpenAPI document describes them from these
// (lib/api/openapi.ts), and the compile-time checks below keep them equal to the view types of
// case-view.ts, so neither can change without the other.
import { z } from "zod";
import { CaseStatus, Resolution, Severity } from "@/lib/generated/sqlite/enums";
import type { CaseDetail, CaseSummary, UserRef } from "@/lib/cases/case-view";

export const ZUserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ZCaseSummary = z.object({
  id: z.string(),
  number: z.string().describe("LAN-YYYY-NNNN, or LAN-R-YYYY-NNNN for a case created restricted"),
  title: z.string(),
  status: z.enum(CaseStatus),
  severity: z.enum(Severity),
  restricted: z.boolean(),
  tags: z.array(z.string()),
  lead: ZUserRef.nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZCaseDetail = ZCaseSummary.extend({
  summary: z.string(),
  resolution: z.enum(Resolution).nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int().describe("send it back with PATCH to get 409 on a concurrent edit"),
  members: z.array(ZUserRef),
  createdBy: ZUserRef,
});

/** True when A and B are assignable both ways (the schema's output and the view type agree). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type CaseAnswerSchemasAgree = [
  Assert<Same<z.output<typeof ZUserRef>, UserRef>>,
  Assert<Same<z.output<typeof ZCaseSummary>, CaseSummary>>,
  Assert<Same<z.output<typeof ZCaseDetail>, CaseDetail>>,
];
