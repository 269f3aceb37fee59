// The query-string parameters of the case list.
export const CASE_QUERY_KEYS = ["q", "status", "severity", "leadId", "tag", "restricted", "sort", "order", "page", "pageSize"] as const;
export const CASE_FILTER_KEYS = ["q", "status", "severity", "leadId", "tag", "restricted"] as const;
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
