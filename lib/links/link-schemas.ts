// Input schemas for account links: shared by forms, routes and the OpenAPI document.
import { z } from "zod";
import { emptyToUndefined } from "@/lib/validation";

export const LINK_STATUSES = ["SUGGESTED", "ACCEPTED", "DISMISSED"] as const;
export const LINK_SOURCES = ["MANUAL", "COMPUTED"] as const;
export const ZLinkStatus = z.enum(LINK_STATUSES);

const ZId = z.string().trim().min(1).max(64);

/** POST /account-links: a manual link (ACCEPTED from the start; an investigator drew it). */
export const ZCreateLinkInput = z
  .object({
    accountIds: z
      .array(ZId)
      .length(2, "name exactly two accounts")
      .refine((ids) => ids.length !== 2 || ids[0] !== ids[1], "an account cannot be linked to itself"),
    reason: z.string().trim().min(3, "must be at least 3 characters").max(500, "must be at most 500 characters"),
    confidence: z.coerce.number("must be a number").min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
    evidenceIds: z.array(ZId).max(100, "at most 100 evidence items").default([]).transform((ids) => [...new Set(ids)]),
  })
  .strict();
export type TCreateLinkInput = z.input<typeof ZCreateLinkInput>;

/** PATCH /account-links/{id}: decide a suggestion (or withdraw an accepted link by dismissing it). */
export const ZDecideLinkInput = z.object({ status: z.enum(["ACCEPTED", "DISMISSED"]) }).strict();
export type TDecideLinkInput = z.input<typeof ZDecideLinkInput>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).optional());

export const ZListLinksQuery = z.object({
  status: csv(ZLinkStatus),
  source: csv(z.enum(LINK_SOURCES)),
  accountId: z.preprocess(emptyToUndefined, ZId.optional()).describe("links with this account on either end"),
  caseId: z.preprocess(emptyToUndefined, ZId.optional()).describe("links between accounts on this case, or citing its evidence"),
  minConfidence: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(50)),
});
export type TListLinksQuery = z.input<typeof ZListLinksQuery>;

export const ZGraphQuery = z.object({
  includeDismissed: z.preprocess((v) => v === "true" || v === "1" || v === true, z.boolean()).default(false),
});
