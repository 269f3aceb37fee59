// The query-string parameters of the case list.
/** Filters the dashboard's links set that the filter form has no control for (kept as hidden fields). */
export const CASE_LINK_FILTERS = {
  createdFrom: "opened from",
  createdTo: "opened before",
  closedFrom: "closed from",
  closedTo: "closed before",
  dueBefore: "due before",
  member: "member",
} as const;
export const CASE_QUERY_KEYS = ["q", "status", "severity", "leadId", "tag", "restricted", ...(Object.keys(CASE_LINK_FILTERS) as (keyof typeof CASE_LINK_FILTERS)[]), "sort", "order", "page", "pageSize"] as const;
export const CASE_FILTER_KEYS = ["q", "status", "severity", "leadId", "tag", "restricted", ...(Object.keys(CASE_LINK_FILTERS) as (keyof typeof CASE_LINK_FILTERS)[])] as const;
export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;
export const SORT_OPTIONS = [
  { value: "updated", label: "Last updated" },
  { value: "created", label: "Created" },
  { value: "severity", label: "Severity" },
  { value: "due", label: "Due date" },
] as const;

export function hasFilters(params: Record<string, string>): boolean {
  return CASE_FILTER_KEYS.some((k) => params[k] !== undefined && params[k] !== "");
}
