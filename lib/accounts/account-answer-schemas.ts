// The answers of the account routes as zod schemas: the OpenAPI document describes them from
// these, and the compile-time checks below keep them equal to the view types of account-view.ts.
import { z } from "zod";
import { AccountStatus, AttributeType, CaseAccountRole, CaseStatus } from "@/lib/generated/sqlite/enums";
import type {
  AccountCaseView,
  AccountDetail,
  AccountRef,
  AccountSightings,
  AccountSummary,
  CaseAccountView,
  CaseRef,
  CaseSightings,
  ValueSighting,
} from "@/lib/accounts/account-view";
import type { ImportResult } from "@/lib/accounts/import-accounts";

export const ZAccountRef = z.object({ id: z.string(), externalId: z.string(), displayName: z.string(), status: z.enum(AccountStatus), riskScore: z.number().describe("0-100") });

export const ZAccountSummary = ZAccountRef.extend({
  emails: z.array(z.string()),
  organization: z.string(),
  country: z.string().nullable(),
  attributeCount: z.number().int(),
  caseCount: z.number().int().describe("cases the account is on that the caller may see"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZCaseRef = z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.enum(CaseStatus) });

export const ZAccountCase = ZCaseRef.extend({ role: z.enum(CaseAccountRole), addedAt: z.string() });

export const ZAccountDetail = ZAccountSummary.extend({
  providerCreatedAt: z.string().nullable(),
  version: z.number().int(),
  attributes: z.array(
    z.object({
      type: z.enum(AttributeType),
      value: z.string(),
      sharedWith: z.number().int().describe("other accounts with the same value"),
      noise: z.boolean().describe("shared by so many accounts that suggestions ignore it"),
    }),
  ),
  cases: z.array(ZAccountCase).describe("only cases the caller may see"),
});

export const ZCaseAccount = z.object({ caseId: z.string(), accountId: z.string(), role: z.enum(CaseAccountRole), addedAt: z.string(), account: ZAccountSummary });

export const ZValueSighting = z.object({
  type: z.enum(AttributeType),
  value: z.string(),
  accountCount: z.number().int(),
  noise: z.boolean(),
  cases: z.array(ZCaseRef),
});

export const ZAccountSightings = z.object({ accountId: z.string(), cases: z.array(ZAccountCase), values: z.array(ZValueSighting) });

export const ZCaseSightings = z.object({
  caseId: z.string(),
  accounts: z.array(z.object({ account: ZAccountRef, cases: z.array(ZCaseRef) })),
  values: z.array(ZValueSighting.extend({ accountIds: z.array(z.string()) })),
});

export const ZImportResult = z.object({
  dryRun: z.boolean(),
  format: z.enum(["csv", "json", "jsonl"]),
  total: z.number().int().describe("data rows read, refused ones included"),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  links: z
    .object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int(), reopened: z.number().int(), pairs: z.number().int(), ms: z.number() })
    .nullable()
    .describe("the suggested links recomputed after a real run that changed attributes"),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type AccountAnswerSchemasAgree = [
  Assert<Same<z.output<typeof ZAccountRef>, AccountRef>>,
  Assert<Same<z.output<typeof ZAccountSummary>, AccountSummary>>,
  Assert<Same<z.output<typeof ZCaseRef>, CaseRef>>,
  Assert<Same<z.output<typeof ZAccountCase>, AccountCaseView>>,
  Assert<Same<z.output<typeof ZAccountDetail>, AccountDetail>>,
  Assert<Same<z.output<typeof ZCaseAccount>, CaseAccountView>>,
  Assert<Same<z.output<typeof ZValueSighting>, ValueSighting>>,
  Assert<Same<z.output<typeof ZAccountSightings>, AccountSightings>>,
  Assert<Same<z.output<typeof ZCaseSightings>, CaseSightings>>,
  Assert<Same<z.output<typeof ZImportResult>, ImportResult>>,
];
