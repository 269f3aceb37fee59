// Input schemas for cases: shared by forms, server actions, REST routes and the OpenAPI document.
import { z } from "zod";
import { emptyToNull, emptyToUndefined } from "@/lib/validation";

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const CASE_STATUSES = ["OPEN", "ACTIVE", "ON_HOLD", "IN_REVIEW", "CLOSED"] as const;
export const RESOLUTIONS = ["SUBSTANTIATED", "UNSUBSTANTIATED", "INCONCLUSIVE", "REFERRED"] as const;
export const CASE_SORTS = ["updated", "created", "severity", "due"] as const;

export const ZSeverity = z.enum(SEVERITIES);
export const ZCaseStatus = z.enum(CASE_STATUSES);
export const ZResolution = z.enum(RESOLUTIONS);

/** Booleans arrive as JSON booleans from the API and as "on"/"true"/"false" from forms and queries. */
export const ZBool = z.preprocess((v) => {
  if (v === "on" || v === "true" || v === "1") return true;
  if (v === "false" || v === "0" || v === "off") return false;
  return v;
}, z.boolean());


export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "A tag cannot be empty")
  .max(40, { error: (issue) => `Tag “${String(issue.input).slice(0, 40)}…” is longer than 40 characters` })
  // Letters and digits of every script (zh-蒸馏, ru-дистилляция), with the marks some scripts need.
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}._:-]*$/u, { error: (issue) => `Tag “${String(issue.input)}” may use letters, digits and . _ : -` });

/** A list of tags: an array, or a comma-separated string from a form field. */
export const ZTags = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(ZTag).max(20, "at most 20 tags").transform((tags) => [...new Set(tags)]),
);

/** The years a due date may fall in. */
export const DUE_YEARS = { min: 2000, max: 2100 } as const;

/** A date (YYYY-MM-DD, taken as the end of that day UTC) or a full ISO 8601 time, in DUE_YEARS. */
export const ZDueAt = z.preprocess(
  emptyToNull,
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO 8601 time" })
    .transform((s) => new Date(s.length === 10 ? `${s}T23:59:59.000Z` : s))
    // A year like 0202 or 20266 is a typo, not a deadline.
    .refine((d) => d.getUTCFullYear() >= DUE_YEARS.min && d.getUTCFullYear() <= DUE_YEARS.max, {
      error: (issue) => `${(issue.input as Date).toISOString().slice(0, 10)} is not a due date: pick a year from ${DUE_YEARS.min} to ${DUE_YEARS.max}`,
    })
    .nullable(),
);

const ZTitle = z.string().trim().min(3, "must be at least 3 characters").max(200, "must be at most 200 characters");
const ZSummary = z.string().trim().max(10_000, "must be at most 10,000 characters");
const ZUserId = z.string().trim().min(1).max(64);

export const ZCreateCaseInput = z.object({
  title: ZTitle,
  summary: ZSummary.default(""),
  severity: ZSeverity.default("MEDIUM"),
  restricted: ZBool.default(false),
  tags: ZTags.default([]),
  leadId: z.preprocess(emptyToUndefined, ZUserId.optional()),
  memberIds: z.array(ZUserId).max(100).default([]),
  dueAt: ZDueAt.optional(),
});
export type TCreateCaseInput = z.input<typeof ZCreateCaseInput>;

export const ZUpdateCaseInput = z
  .object({
    title: ZTitle,
    summary: ZSummary,
    severity: ZSeverity,
    restricted: ZBool,
    tags: ZTags,
    dueAt: ZDueAt,
    /** The version the editor saw; when given, a concurrent change answers 409 instead of being overwritten. */
    version: z.coerce.number().int().min(1),
  })
  .partial()
  .strict();
export type TUpdateCaseInput = z.input<typeof ZUpdateCaseInput>;

export const ZAssignCaseInput = z.object({
  leadId: z.preprocess(emptyToNull, ZUserId.nullable()).optional(),
  memberIds: z.array(ZUserId).max(100).optional(),
});

/** PATCH /cases/{id}: the editable fields plus lead and members. */
export const ZEditCaseInput = ZUpdateCaseInput.extend(ZAssignCaseInput.shape).strict();

export const ZCaseTransitionInput = z
  .object({
    to: ZCaseStatus,
    resolution: z.preprocess(emptyToUndefined, ZResolution.optional()),
    reason: z.preprocess(emptyToUndefined, z.string().trim().max(2000).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.to === "CLOSED" && !v.resolution) {
      ctx.addIssue({ code: "custom", path: ["resolution"], message: "is required to close a case" });
    }
  });
export type TCaseTransitionInput = z.input<typeof ZCaseTransitionInput>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).optional());

const DAY_MS = 24 * 60 * 60 * 1000;
const timeBound = (dateEnd: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO 8601 time" })
      .transform((s) => (s.length === 10 ? new Date(Date.parse(`${s}T00:00:00.000Z`) + (dateEnd ? DAY_MS : 0)) : new Date(s)))
      .optional(),
  );
/** The start of a half-open time range [from, to): an ISO 8601 time, or a date meaning the start of that day (UTC). */
export const ZFromBound = timeBound(false);
/** The end of a half-open time range [from, to): an ISO 8601 time (excluded), or a date meaning up to the end of that day (UTC). */
export const ZToBound = timeBound(true);

export const ZListCasesQuery = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  status: csv(ZCaseStatus),
  severity: csv(ZSeverity),
  leadId: z.preprocess(emptyToUndefined, ZUserId.optional()).describe('the lead\'s user id, or "none" for cases without a lead'),
  tag: z.preprocess(emptyToUndefined, ZTag.optional()),
  restricted: z.preprocess(emptyToUndefined, ZBool.optional()),
  // Half-open ranges [from, to): the dashboard's weeks and age buckets link here.
  createdFrom: ZFromBound.describe("opened at or after this time (a date: from the start of that day, UTC)"),
  createdTo: ZToBound.describe("opened before this time (a date: up to the end of that day, UTC)"),
  closedFrom: ZFromBound.describe("closed at or after this time"),
  closedTo: ZToBound.describe("closed before this time (a date: up to the end of that day)"),
  dueBefore: ZToBound.describe("due before this time (a date: up to the end of that day); overdue ones included"),
  member: z.preprocess(emptyToUndefined, ZUserId.optional()).describe("cases this user id is a member of"),
  sort: z.preprocess(emptyToUndefined, z.enum(CASE_SORTS).default("updated")),
  order: z.preprocess(emptyToUndefined, z.enum(["asc", "desc"]).default("desc")),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(25)),
});
export type TListCasesQuery = z.input<typeof ZListCasesQuery>;

export const ZCreateNoteInput = z.object({
  body: z.string().trim().min(1, "is required").max(20_000, "must be at most 20,000 characters"),
  pinned: ZBool.default(false),
});
export const ZUpdateNoteInput = z.object({ pinned: ZBool });
