// Input schemas for actions: shared by the forms, the server actions, the REST routes and the
// OpenAPI document.
import { z } from "zod";
import { ZDueAt, ZFromBound, ZSeverity, ZTag, ZToBound } from "@/lib/cases/case-schemas";
import { emptyToUndefined, ZPageQuery } from "@/lib/validation";
import { ACTION_STATUSES, ACTION_TYPES } from "@/lib/actions/action-status";

const ZId = z.string().trim().min(1).max(64);
/** A list of ids: an array from the API, one or several repeated form fields from a form. */
const ZIds = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v), z.array(ZId).max(max, `at most ${max}`)).transform((ids) => [...new Set(ids)]);
const ZText = (max: number) => z.string().trim().max(max, `must be at most ${max.toLocaleString("en")} characters`);
const ZOptionalText = (max: number) => z.preprocess(emptyToUndefined, ZText(max).optional());

export const ZCreateRevocationInput = z
  .object({
    type: z.literal("ACCESS_REVOCATION"),
    justification: ZText(10_000).min(1, "is required"),
    scope: ZText(2_000).default(""),
    targetAccountIds: ZIds(500).default([]),
    targetApiKeyIds: ZIds(500).default([]),
    targetOrganization: ZOptionalText(200),
    evidenceIds: ZIds(200).default([]),
    dueAt: ZDueAt.optional(),
  })
  .refine((v) => (v.targetAccountIds?.length ?? 0) + (v.targetApiKeyIds?.length ?? 0) > 0 || !!v.targetOrganization, {
    path: ["targetAccountIds"],
    message: "name at least one account, API key or organization to revoke",
    // Also when another field failed, so one answer names every problem (the value may be partial here).
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

export const ZCreateReviewInput = z.object({
  type: z.literal("NATIONAL_SECURITY_REVIEW"),
  referralBody: ZText(200).min(1, "is required"),
  referenceNumber: ZOptionalText(100),
  classification: ZOptionalText(100),
  dueAt: ZDueAt.pipe(z.date({ error: "is required" })),
  notes: ZText(10_000).default(""),
  /** ADMIN only: why the case stays unrestricted under review. */
  keepUnrestrictedReason: ZOptionalText(2_000),
});

export const ZCreateActionInput = z.discriminatedUnion("type", [ZCreateRevocationInput, ZCreateReviewInput]);
export type TCreateActionInput = z.input<typeof ZCreateActionInput>;

export const ZActionStatus = z.enum(ACTION_STATUSES);

export const ZActionTransitionInput = z.object({
  to: ZActionStatus,
  reason: ZOptionalText(2_000),
  externalReference: ZOptionalText(200),
  outcome: ZOptionalText(10_000),
  comment: ZOptionalText(2_000),
});
export type TActionTransitionInput = z.input<typeof ZActionTransitionInput>;

export const ACTION_QUEUES = ["awaiting-approval", "mine", "overdue", "due-soon"] as const;
export type ActionQueue = (typeof ACTION_QUEUES)[number];

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).optional());

export const ZListActionsQuery = ZPageQuery.extend({
  queue: z.preprocess(emptyToUndefined, z.enum(ACTION_QUEUES).optional()),
  type: z.preprocess(emptyToUndefined, z.enum(ACTION_TYPES).optional()),
  status: csv(ZActionStatus),
  // Filters on the action's case, as on the case list (the dashboard links here with them).
  severity: csv(ZSeverity).describe("the case's severity"),
  tag: z.preprocess(emptyToUndefined, ZTag.optional()).describe("a tag of the case"),
  leadId: z.preprocess(emptyToUndefined, ZId.optional()).describe('the case\'s lead, or "none"'),
  createdFrom: ZFromBound.describe("proposed or drafted at or after this time"),
  createdTo: ZToBound.describe("proposed or drafted before this time"),
  member: z.preprocess(emptyToUndefined, ZId.optional()).describe("actions on cases this user id is a member of"),
});
/** The filters of the list, without the queue and the page. */
export type ActionFilters = Omit<z.output<typeof ZListActionsQuery>, "queue" | "page" | "pageSize">;
export type TListActionsQuery = z.input<typeof ZListActionsQuery>;
