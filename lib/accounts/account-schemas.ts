// Input schemas for accounts: shared by forms, server actions, REST routes, the importer and the
// OpenAPI document. Attribute values are normalized here (normalize-attribute.ts), once, at the edge.
import { z } from "zod";
import { ATTRIBUTE_TYPES, normalizeAttribute } from "@/lib/accounts/normalize-attribute";
import { ZBool, ZFromBound, ZToBound } from "@/lib/cases/case-schemas";
import { emptyToNull, emptyToUndefined } from "@/lib/validation";

export { ATTRIBUTE_TYPES };
export const ACCOUNT_STATUSES = ["ACTIVE", "SUSPENDED", "REVOKED"] as const;
export const CASE_ACCOUNT_ROLES = ["SUBJECT", "ASSOCIATE", "VICTIM", "WITNESS"] as const;
export const ACCOUNT_SORTS = ["updated", "created", "externalId", "name", "risk", "organization"] as const;

export const ZAccountStatus = z.enum(ACCOUNT_STATUSES);
export const ZAttributeType = z.enum(ATTRIBUTE_TYPES);
export const ZCaseAccountRole = z.enum(CASE_ACCOUNT_ROLES);

export const MAX_ATTRIBUTES = 500;
export const MAX_EMAILS = 50;

/** One attribute, normalized: {"type": "IP", "value": "::ffff:203.0.113.7"} becomes 203.0.113.7. */
export const ZAttribute = z
  .object({ type: ZAttributeType, value: z.string() })
  .transform((a, ctx) => {
    const r = normalizeAttribute(a.type, a.value);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", path: ["value"], message: r.reason });
      return z.NEVER;
    }
    return { type: a.type, value: r.value };
  });

/** Attributes, de-duplicated after normalization. */
export const ZAttributes = z
  .array(ZAttribute)
  .max(MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((a) => {
      const key = `${a.type}\u0000${a.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

export const ZExternalId = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters")
  .regex(/^\S*$/, "must not contain spaces");

const ZEmail = z.email("must be an email address").trim().toLowerCase().max(320);

/** Emails: an array, or one string separated by commas, semicolons, "|" or new lines (forms, CSV). */
export const ZEmails = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,;|\n]/).map((s) => s.trim()).filter(Boolean) : v),
  z
    .array(ZEmail)
    .max(MAX_EMAILS, `at most ${MAX_EMAILS} emails`)
    .transform((list) => [...new Set(list)]),
);

export const ZCountry = z.preprocess(
  emptyToNull,
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "must be a two-letter ISO 3166 country code")
    .nullable(),
);

export const ZProviderCreatedAt = z.preprocess(
  emptyToNull,
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO 8601 time" })
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s))
    .nullable(),
);

export const ZRiskScore = z.coerce.number().int("must be a whole number").min(0, "must be 0 to 100").max(100, "must be 0 to 100");

const ZDisplayName = z.string().trim().max(200, "must be at most 200 characters");
const ZOrganization = z.string().trim().max(200, "must be at most 200 characters");

export const ZCreateAccountInput = z
  .object({
    externalId: ZExternalId,
    displayName: ZDisplayName.default(""),
    emails: ZEmails.default([]),
    organization: ZOrganization.default(""),
    country: ZCountry.optional(),
    providerCreatedAt: ZProviderCreatedAt.optional(),
    status: z.preprocess(emptyToUndefined, ZAccountStatus.default("ACTIVE")),
    riskScore: z.preprocess(emptyToUndefined, ZRiskScore.default(0)),
    attributes: ZAttributes.default([]),
  })
  .strict();
export type TCreateAccountInput = z.input<typeof ZCreateAccountInput>;
export type CreateAccountData = z.output<typeof ZCreateAccountInput>;

/** PATCH: any subset; `attributes` replaces the whole set; `version` (optional) answers 409 when stale. */
export const ZUpdateAccountInput = z
  .object({
    externalId: ZExternalId,
    displayName: ZDisplayName,
    emails: ZEmails,
    organization: ZOrganization,
    country: ZCountry,
    providerCreatedAt: ZProviderCreatedAt,
    status: ZAccountStatus,
    riskScore: ZRiskScore,
    attributes: ZAttributes,
    version: z.coerce.number().int().min(1),
  })
  .partial()
  .strict();
export type TUpdateAccountInput = z.input<typeof ZUpdateAccountInput>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).optional());

export const ZListAccountsQuery = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()).describe(
    "substring of external id, display name, email, organization or an attribute value",
  ),
  status: csv(ZAccountStatus),
  organization: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()).describe("exact organization"),
  country: z.preprocess(emptyToUndefined, z.string().trim().toUpperCase().length(2).optional()),
  riskMin: z.preprocess(emptyToUndefined, ZRiskScore.optional()),
  riskMax: z.preprocess(emptyToUndefined, ZRiskScore.optional()),
  attributeType: csv(ZAttributeType).describe("accounts having at least one attribute of these types"),
  caseId: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()).describe("accounts on this case"),
  revokedFrom: ZFromBound.describe("revoked by an access revocation (of a case you can see) executed at or after this time, and not reversed"),
  revokedTo: ZToBound.describe("revoked by an access revocation executed before this time, and not reversed"),
  onRevocation: z
    .preprocess(emptyToUndefined, ZBool.optional())
    .describe("true: targeted by an access revocation (of a case you can see) that was not rejected or reversed; false: by none"),
  sort: z.preprocess(emptyToUndefined, z.enum(ACCOUNT_SORTS).default("updated")),
  order: z.preprocess(emptyToUndefined, z.enum(["asc", "desc"]).default("desc")),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(25)),
});
export type TListAccountsQuery = z.input<typeof ZListAccountsQuery>;

/** POST /cases/{id}/accounts: one account, or several at once (the case page's picker). */
export const ZAttachAccountInput = z.object({
  accountId: z.string().trim().min(1, "is required").max(64),
  role: ZCaseAccountRole.default("SUBJECT"),
});
export const ZAttachAccountsInput = z.union([
  ZAttachAccountInput,
  z.object({ accounts: z.array(ZAttachAccountInput).min(1, "name at least one account").max(200, "at most 200 at once") }),
]);
export type TAttachAccountInput = z.input<typeof ZAttachAccountInput>;

export const ZImportQuery = z.object({
  dryRun: z.preprocess(
    (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" || v === undefined || v === "" ? false : v),
    z.boolean(),
  ),
});
