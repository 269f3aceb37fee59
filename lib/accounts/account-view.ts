// What the UI and the API see of accounts: plain objects, never Prisma rows.
import type { AccountStatus, AttributeType, CaseAccountRole, CaseStatus } from "@/lib/generated/sqlite/enums";

export type AccountRef = {
  id: string;
  externalId: string;
  displayName: string;
  status: AccountStatus;
  riskScore: number;
};

export type AccountSummary = AccountRef & {
  emails: string[];
  organization: string;
  country: string | null;
  /** Attributes of the account (a registry fact). */
  attributeCount: number;
  /** Cases the account is on, counting only the cases the viewer may see. */
  caseCount: number;
  createdAt: string;
  updatedAt: string;
};

/** A case as accounts show it: only cases the viewer may see ever appear. */
export type CaseRef = { id: string; number: string; title: string; status: CaseStatus };

export type AccountAttributeView = {
  type: AttributeType;
  value: string;
  /** How many other accounts carry the same value (registry-wide). */
  sharedWith: number;
  /** Shared by more accounts than LANTERN_LINK_NOISE_THRESHOLD: ignored by suggestions. */
  noise: boolean;
};

export type AccountCaseView = CaseRef & { role: CaseAccountRole; addedAt: string };

export type AccountDetail = AccountSummary & {
  providerCreatedAt: string | null;
  version: number;
  attributes: AccountAttributeView[];
  cases: AccountCaseView[];
};

/** An account on a case (GET /cases/{id}/accounts). */
export type CaseAccountView = {
  caseId: string;
  accountId: string;
  role: CaseAccountRole;
  addedAt: string;
  account: AccountSummary;
};

/** Where an attribute value also appears: "203.0.113.7 is also on LAN-2026-0012 and LAN-2026-0031". */
export type ValueSighting = {
  type: AttributeType;
  value: string;
  /** Accounts carrying the value (registry-wide, counting the one(s) asked about). */
  accountCount: number;
  noise: boolean;
  /** Visible cases, other than the one asked about, with an account carrying the value (none for noise). */
  cases: CaseRef[];
};

export type AccountSightings = {
  accountId: string;
  /** Visible cases the account is on. */
  cases: AccountCaseView[];
  /** One entry per attribute of the account that appears on at least one other visible case. */
  values: ValueSighting[];
};

export type CaseSightings = {
  caseId: string;
  /** Accounts of this case that are also on other visible cases. */
  accounts: { account: AccountRef; cases: CaseRef[] }[];
  /** Attribute values of this case's accounts that other accounts carry onto other visible cases. */
  values: (ValueSighting & { accountIds: string[] })[];
};
