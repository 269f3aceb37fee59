// A chart's frame: title, the CSV download of its data, the chart (or an empty state), and the
// same numbers as a table with links behind a disclosure (keyboard and screen-reader friendly).
import type { ReactNode } from "react";
import Link from "next/link";
import { buttonClass, linkClass } from "@/components/form-styles";
import type { ChartTable } from "@/lib/dashboard/dashboard-tables";

type Props = { id: string; table: ChartTable; csvHref: string; empty: boolean; emptyText: string; children: ReactNode; note?: ReactNode };

export function ChartPanel({ id, table, csvHref, empty, emptyText, children, note }: Props) {
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">{table.title}</h2>
        <a href={csvHref} download className={buttonClass("ghost", "sm")} aria-label={`Download “${table.title}” as CSV`}>CSV</a>
      </div>
      {note && <p className="mb-2 text-sm text-slate-700">{note}</p>}
      {empty ? <p className="rounded border border-dashed border-slate-300 px-3 py-8 text-center text-sm text-slate-500">{emptyText}</p> : children}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">Show as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{table.title}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>{table.columns.map((c) => <th key={c} scope="col" className="py-1 pr-3">{c}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className="border-b border-slate-100">
                  {row.map((cell, j) => {
                    const text = cell instanceof Date ? cell.toISOString() : String(cell ?? "");
                    const href = j === 0 ? table.hrefs[i] : null;
                    return <td key={j} className="py-1 pr-3">{href ? <Link href={href} className={linkClass}>{text}</Link> : text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
