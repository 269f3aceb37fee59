// Words for the account enums, for tables, forms and filters (client-safe: no lib/ runtime imports).
import { AccountStatus, AttributeType, CaseAccountRole } from "@/lib/generated/sqlite/enums";

export const ACCOUNT_STATUS_VALUES = Object.values(AccountStatus);
export const ATTRIBUTE_TYPE_VALUES = Object.values(AttributeType);
export const CASE_ROLE_VALUES = Object.values(CaseAccountRole);

export const ATTRIBUTE_LABELS: Record<AttributeType, string> = {
  IP: "IP address",
  API_KEY: "API key id",
  PAYMENT_FINGERPRINT: "Payment fingerprint",
  DEVICE_ID: "Device id",
  EMAIL_DOMAIN: "Email domain",
  USER_AGENT: "User agent",
};

export const ROLE_LABELS: Record<CaseAccountRole, string> = {
  SUBJECT: "Subject",
  ASSOCIATE: "Associate",
  VICTIM: "Victim",
  WITNESS: "Witness",
};

export function statusLabel(status: string): string {
  return status[0] + status.slice(1).toLowerCase();
}

/** "acct-42 (Jane Roe)", or the external id alone when the account has no display name. */
export function accountName(a: { externalId: string; displayName: string }): string {
  return a.displayName ? `${a.externalId} (${a.displayName})` : a.externalId;
}
