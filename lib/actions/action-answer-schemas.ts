// The answers of the action routes as zod schemas: the OpenAPI document describes them from these,
// and the compile-time checks below keep them equal to the view types of action-view.ts.
import { z } from "zod";
import { ActionStatus, ActionTargetKind, ActionType } from "@/lib/generated/sqlite/enums";
import type { ActionDetail, ActionSummary } from "@/lib/actions/action-view";

const ZUserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ZActionSummary = z.object({
  id: z.string(),
  type: z.enum(ActionType),
  status: z.enum(ActionStatus),
  final: z.boolean(),
  caseId: z.string(),
  caseNumber: z.string(),
  caseTitle: z.string(),
  title: z.string(),
  dueAt: z.string().nullable(),
  proposedBy: ZUserRef,
  targetCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZActionDetail = ZActionSummary.extend({
  justification: z.string(),
  scope: z.string(),
  approvedBy: ZUserRef.nullable(),
  approvedAt: z.string().nullable(),
  executedBy: ZUserRef.nullable(),
  executedAt: z.string().nullable(),
  externalReference: z.string().nullable(),
  reason: z.string().nullable(),
  referralBody: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  classification: z.string().nullable(),
  notes: z.string(),
  outcome: z.string().nullable(),
  keepUnrestrictedReason: z.string().nullable(),
  version: z.number().int(),
  targets: z.array(
    z.object({
      kind: z.enum(ActionTargetKind),
      value: z.string(),
      previousStatus: z.string().nullable(),
      account: z.object({ id: z.string(), externalId: z.string(), displayName: z.string(), status: z.string() }).nullable(),
    }),
  ),
  evidence: z.array(z.object({ id: z.string(), title: z.string() })),
  events: z
    .array(z.object({ id: z.string(), at: z.string(), actor: ZUserRef.nullable(), from: z.enum(ActionStatus).nullable(), to: z.enum(ActionStatus), comment: z.string() }))
    .describe("the timeline, oldest first"),
  allowedMoves: z.array(z.enum(ActionStatus)).describe("the moves the state machine allows next (not yet filtered by role)"),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ActionAnswerSchemasAgree = [Assert<Same<z.output<typeof ZActionSummary>, ActionSummary>>, Assert<Same<z.output<typeof ZActionDetail>, ActionDetail>>];
