// The counts of an import (or of its dry run) and the refused rows with their line numbers.
import { formatCount } from "@/components/format";

export type ImportResult = {
  dryRun: boolean;
  format: "csv" | "json";
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  errors: { line: number; reason: string }[];
};

const ERRORS_SHOWN = 200;

export function ImportResultView({ result }: { result: ImportResult }) {
  const verb = result.dryRun ? "would be " : "";
  const counts: [string, number][] = [
    [`${verb}created`, result.created],
    [`${verb}updated`, result.updated],
    ["unchanged", result.unchanged],
    ["refused", result.refused],
  ];
  return (
    <div className="space-y-3" data-testid={result.dryRun ? "dry-run-result" : "import-result"}>
      <p className="text-sm">
        {result.dryRun ? "Dry run: nothing was changed. " : "Import finished. "}
        {formatCount(result.total)} {result.format.toUpperCase()} row{result.total === 1 ? "" : "s"} read.
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {counts.map(([label, n]) => (
          <div key={label} className={`rounded-md border px-3 py-2 ${label === "refused" && n > 0 ? "border-red-200 bg-red-50" : "border-slate-200 bg-slate-50"}`}>
            <dt className="text-xs text-slate-600">{label[0].toUpperCase() + label.slice(1)}</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-red-800">Refused rows</h3>
          <table className="mt-1 w-full text-sm" aria-label="Refused rows">
            <thead className="text-left text-xs text-slate-600">
              <tr><th scope="col" className="w-20 py-1">Line</th><th scope="col" className="py-1">Reason</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                <tr key={`${e.line}-${i}`}>
                  <td className="py-1 font-mono text-xs tabular-nums">{e.line}</td>
                  <td className="py-1">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.errors.length > ERRORS_SHOWN && (
            <p className="mt-1 text-xs text-slate-600">…and {formatCount(result.errors.length - ERRORS_SHOWN)} more. Fix these and check the file again.</p>
          )}
        </div>
      )}
    </div>
  );
}
