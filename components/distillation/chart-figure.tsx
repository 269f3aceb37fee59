// A chart's frame: a titled figure whose drawing is described for screen readers, with the same
// figures as a table behind "Show as table".
import type { ReactNode } from "react";

type Props = { id: string; title: string; summary: string; chart: ReactNode; table: ReactNode };

export function ChartFigure({ id, title, summary, chart, table }: Props) {
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <h2 id={`${id}-title`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {title}
        </h2>
        <p className="mt-0.5 text-xs text-slate-500">{summary}</p>
      </figcaption>
      {/* The drawing is one image to assistive technology (not focusable: accessibilityLayer is off); the summary and the table carry the figures. */}
      <div role="img" aria-label={`${title}: ${summary}`} className="mt-3">
        {chart}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-xs text-slate-600">Show as table</summary>
        <div className="relative mt-2 max-h-72 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}
