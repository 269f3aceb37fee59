// An in-app preview of safe types: images inline (served by the content route with ?view=1),
// text, JSON, JSON Lines and CSV as rows rendered by React (escaped text, never HTML), paged on
// the server with ?previewPage=; CSV and JSON Lines as tables of their fields. Everything else is download-only.
import Link from "next/link";
import { buttonClass } from "@/components/form-styles";
import { hrefWith } from "@/components/url";
import { jsonlTable, type JsonlRow } from "@/components/evidence/jsonl-table";
import { PdfPreview } from "@/components/evidence/pdf-preview";
import type { EvidencePreview } from "@/lib/evidence/preview-evidence";

type Props = { evidenceId: string; title: string; preview: EvidencePreview };

export function EvidencePreviewView({ evidenceId, title, preview }: Props) {
  switch (preview.format) {
    case "image":
      return (
        // eslint-disable-next-line @next/next/no-img-element -- served by our content route, not optimizable
        <img src={`/api/v1/evidence/${evidenceId}/content?view=1`} alt={title} className="max-h-[32rem] max-w-full rounded border border-slate-200" />
      );
    case "pdf":
      return <PdfPreview url={`/api/v1/evidence/${evidenceId}/content?view=1`} title={title} />;
    case "json":
      return (
        <>
          {/* Focusable, so a keyboard can scroll it (axe scrollable-region-focusable). */}
          <pre tabIndex={0} role="region" aria-label={`Preview of ${title}`} className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs" data-testid="evidence-preview-text">{preview.text}</pre>
          {preview.truncated && <TruncatedNote />}
        </>
      );
    case "csv":
      return (
        <>
          <PreviewTable title={title} columns={preview.columns} rows={preview.rows.map((cells, r) => ({ n: (preview.page - 1) * preview.pageSize + r + 1, cells }))} />
          <PreviewPager evidenceId={evidenceId} page={preview.page} hasMore={preview.hasMore} shown={preview.rows.length} unit="rows" />
          {preview.truncated && <TruncatedNote />}
        </>
      );
    case "jsonl": {
      // Records as a table of their fields; a page with no JSON object shows its lines as text.
      const table = jsonlTable(preview.lines);
      if (!table) return <PreviewLines evidenceId={evidenceId} preview={preview} />;
      return (
        <>
          <PreviewTable title={title} columns={table.columns} rows={table.rows} numberLabel="Line" />
          {table.moreColumns && <p className="mt-1 text-xs text-slate-600">Only the first {table.columns.length} fields are shown; download the file for the rest.</p>}
          <PreviewPager evidenceId={evidenceId} page={preview.page} hasMore={preview.hasMore} shown={preview.lines.length} unit="records" />
          {preview.truncated && <TruncatedNote />}
        </>
      );
    }
    case "text":
      return <PreviewLines evidenceId={evidenceId} preview={preview} />;
  }
}

type LinesPreview = Extract<EvidencePreview, { format: "text" | "jsonl" }>;

function PreviewLines({ evidenceId, preview }: { evidenceId: string; preview: LinesPreview }) {
  return (
    <>
      <ol tabIndex={0} aria-label="Preview lines" className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-2 font-mono text-xs" data-testid="evidence-preview-text">
        {preview.lines.map((l) => (
          <li key={l.n} className="flex gap-3 border-b border-slate-100 py-0.5 last:border-0">
            <span className="w-12 shrink-0 select-none text-right text-slate-600">{l.n}</span>
            <span className={`whitespace-pre-wrap break-all ${"valid" in l && !l.valid ? "text-red-700" : ""}`}>
              {l.text}
              {"valid" in l && !l.valid && <span className="ml-2 font-sans text-red-700">(not valid JSON)</span>}
            </span>
          </li>
        ))}
      </ol>
      <PreviewPager evidenceId={evidenceId} page={preview.page} hasMore={preview.hasMore} shown={preview.lines.length} unit="lines" />
      {preview.truncated && <TruncatedNote />}
    </>
  );
}

/** Rows of cells under named columns, numbered; a row with `raw` is a line that is no record. */
function PreviewTable({ title, columns, rows, numberLabel = "#" }: { title: string; columns: string[]; rows: JsonlRow[]; numberLabel?: string }) {
  return (
    <div className="max-h-[32rem] overflow-auto rounded border border-slate-200" tabIndex={0} role="region" aria-label={`Preview of ${title}`}>
      <table className="min-w-full divide-y divide-slate-200 text-xs" data-testid="evidence-preview-table">
        <caption className="sr-only">Rows of {title}</caption>
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th scope="col" className="px-2 py-1 text-right font-medium text-slate-600">{numberLabel}</th>
            {columns.map((c, i) => <th key={i} scope="col" className="whitespace-nowrap px-2 py-1 text-left font-medium">{c}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono">
          {rows.map((row) => (
            <tr key={row.n}>
              <td className="px-2 py-1 text-right text-slate-600">{row.n}</td>
              {"cells" in row ? (
                row.cells.map((cell, i) => <td key={i} className="max-w-xs truncate px-2 py-1" title={cell}>{cell}</td>)
              ) : (
                <td colSpan={Math.max(columns.length, 1)} className="px-2 py-1 text-red-700">
                  <span className="break-all">{row.raw}</span> <span className="font-sans">(not valid JSON)</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TruncatedNote() {
  return <p className="mt-2 text-xs text-amber-800">Long lines or a large document are cut short here; download the file for all of it.</p>;
}

function PreviewPager({ evidenceId, page, hasMore, shown, unit }: { evidenceId: string; page: number; hasMore: boolean; shown: number; unit: string }) {
  const base = `/evidence/${evidenceId}`;
  const href = (p: number) => hrefWith(base, { preview: "1" }, { previewPage: p === 1 ? undefined : String(p) });
  return (
    <nav aria-label="Preview pages" className="mt-2 flex items-center justify-between text-xs text-slate-600">
      <p>Page {page} · {shown} {unit}</p>
      <div className="flex gap-2">
        {page > 1 ? <Link href={href(page - 1)} className={buttonClass("secondary", "sm")} scroll={false}>Previous</Link> : null}
        {hasMore ? <Link href={href(page + 1)} className={buttonClass("secondary", "sm")} scroll={false}>Next</Link> : null}
      </div>
    </nav>
  );
}
