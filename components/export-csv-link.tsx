// "Export CSV" beside a list: the list's REST route with its current filters and format=csv (the
// session cookie authenticates the download; every export is an audit event).
import { buttonClass } from "@/components/form-styles";

const PAGING = new Set(["page", "pageSize", "sort", "order"]);

export function ExportCsvLink({ api, params, what }: { api: string; params: Record<string, string>; what: string }) {
  const qs = new URLSearchParams(Object.entries(params).filter(([k, v]) => v && !PAGING.has(k)));
  qs.set("format", "csv");
  return (
    // The visible words start the accessible name (WCAG 2.5.3, axe label-content-name-mismatch).
    <a href={`${api}?${qs}`} download className={buttonClass("secondary")}>
      Export CSV<span className="sr-only"> of {what} (every row of the current filters)</span>
    </a>
  );
}
