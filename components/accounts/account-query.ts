// The query-string parameters of the account list.
/** Filters the dashboard's links set that the filter form has no control for (kept as hidden fields). */
export const ACCOUNT_LINK_FILTERS = { revokedFrom: "revoked from", revokedTo: "revoked before", onRevocation: "on a revocation" } as const;
export const ACCOUNT_QUERY_KEYS = [
  "q", "status", "organization", "country", "riskMin", "riskMax", "attributeType", "revokedFrom", "revokedTo", "onRevocation", "sort", "order", "page", "pageSize",
] as const;
export const ACCOUNT_FILTER_KEYS = ["q", "status", "organization", "country", "riskMin", "riskMax", "attributeType", "revokedFrom", "revokedTo", "onRevocation"] as const;
export const ACCOUNT_SORT_OPTIONS = [
  { value: "updated", label: "Last updated" },
  { value: "created", label: "Created" },
  { value: "externalId", label: "External id" },
  { value: "name", label: "Name" },
  { value: "risk", label: "Risk score" },
  { value: "organization", label: "Organization" },
] as const;

export function hasAccountFilters(params: Record<string, string>): boolean {
  return ACCOUNT_FILTER_KEYS.some((k) => params[k] !== undefined && params[k] !== "");
}
