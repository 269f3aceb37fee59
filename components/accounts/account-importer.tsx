"use client";
// Bulk import of accounts from CSV or JSON: pick a file, check it (a dry run that changes nothing
// and lists every bad row with its line number), then import it with a progress bar: the upload
// first, then the rows as the server's batches commit.
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { ImportResultView, type ImportResult } from "@/components/accounts/import-result";
import { postImport } from "@/components/accounts/post-import";
import { buttonClass, linkClass } from "@/components/form-styles";
import { formatBytes, formatCount } from "@/components/format";
import { useToast } from "@/components/toast";

type Phase = "idle" | "checking" | "checked" | "importing" | "imported";
type Progress = { upload: number; done: number; total: number };

export function AccountImporter({ maxBytes }: { maxBytes: number }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState<Progress>({ upload: 0, done: 0, total: 0 });
  const [dryRun, setDryRun] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const toast = useToast();
  const busy = phase === "checking" || phase === "importing";

  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  function choose(f: File | undefined) {
    if (!f) return;
    setFile(f);
    setPhase("idle");
    setDryRun(null);
    setResult(null);
    setError(f.size > maxBytes ? `This file is ${formatBytes(f.size)}, over the ${formatBytes(maxBytes)} limit.` : null);
  }

  async function run(dry: boolean) {
    if (!file) return;
    setError(null);
    setPhase(dry ? "checking" : "importing");
    setProgress({ upload: 0, done: 0, total: 0 });
    const req = postImport(file, dry, {
      onUpload: (upload) => setProgress((p) => ({ ...p, upload })),
      onProgress: (done, total) => setProgress((p) => ({ ...p, upload: 1, done, total })),
    });
    abortRef.current = req.abort;
    try {
      const r = await req.done;
      if (dry) {
        setDryRun(r);
        setPhase("checked");
      } else {
        setResult(r);
        setPhase("imported");
        toast(`Imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPhase(dry ? "idle" : "checked");
    } finally {
      abortRef.current = null;
    }
  }

  const importable = dryRun ? dryRun.created + dryRun.updated : 0;
  return (
    <div className="max-w-3xl space-y-4 rounded-md border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">Accounts file (CSV or JSON)</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          disabled={busy}
          onChange={(e) => choose(e.target.files?.[0])}
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        {file && <p className="mt-1 text-xs text-slate-500">{file.name} · {formatBytes(file.size)}</p>}
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass(dryRun ? "secondary" : "primary")} disabled={!file || busy || file.size > maxBytes} onClick={() => run(true)}>
          {dryRun ? "Check again" : "Check file (dry run)"}
        </button>
        {dryRun && phase !== "imported" && (
          <button type="button" className={buttonClass()} disabled={busy || importable === 0} onClick={() => run(false)}>
            Import {formatCount(importable)} account{importable === 1 ? "" : "s"}
          </button>
        )}
        {busy && (
          <button type="button" className={buttonClass("ghost")} onClick={() => abortRef.current?.()}>Cancel</button>
        )}
      </div>

      {busy && <ImportProgress progress={progress} label={phase === "checking" ? "Checking" : "Importing"} fileName={file?.name ?? ""} />}
      {error && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      {dryRun && phase !== "imported" && (
        <>
          <ImportResultView result={dryRun} />
          {importable === 0 && <p className="text-sm text-slate-700">Nothing to import: every good row is already in the registry as it is.</p>}
          {dryRun.refused > 0 && (
            <p className="text-sm text-amber-800">The import skips the {formatCount(dryRun.refused)} refused row{dryRun.refused === 1 ? "" : "s"}; fix the file and check it again to include them.</p>
          )}
        </>
      )}
      {result && (
        <>
          <ImportResultView result={result} />
          <p className="text-sm">
            <Link href="/accounts" className={linkClass}>See the accounts</Link> · Running the same file again changes nothing.
          </p>
        </>
      )}
    </div>
  );
}

function ImportProgress({ progress, label, fileName }: { progress: Progress; label: string; fileName: string }) {
  const uploading = progress.upload < 1;
  const percent = uploading ? Math.floor(progress.upload * 100) : progress.total ? Math.floor((progress.done / progress.total) * 100) : undefined;
  return (
    <div className="flex items-center gap-3">
      <progress
        className="h-2 flex-1 overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-blue-600"
        max={100}
        value={percent}
        aria-label={`${label} ${fileName}`}
      />
      <span className="w-56 text-right text-xs tabular-nums text-slate-600" aria-live="polite">
        {uploading
          ? `Uploading ${percent}%`
          : progress.total
            ? `${label}: ${formatCount(progress.done)} of ${formatCount(progress.total)} rows`
            : `${label}…`}
      </span>
    </div>
  );
}
