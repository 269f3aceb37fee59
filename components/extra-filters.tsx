// Filters a list takes from a link (the dashboard's bars and tiles) but has no control for: kept
// as hidden fields so applying the form keeps them, and named above the results so they are seen.
import { formatDateTime } from "@/components/format";

type Props = { params: Record<string, string>; labels: Record<string, string> };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

export function ExtraFilters({ params, labels }: Props) {
  const present = Object.keys(labels).filter((k) => params[k]);
  if (present.length === 0) return null;
  return (
    <p className="mt-3 text-sm text-slate-700" data-extra-filters>
      Also filtered by:{" "}
      {present.map((k, i) => (
        <span key={k}>
          {i > 0 && " · "}
          {labels[k]} <strong>{ISO_TIME.test(params[k]) ? formatDateTime(params[k]) : params[k]}</strong>
          <input type="hidden" name={k} value={params[k]} />
        </span>
      ))}
    </p>
  );
}
