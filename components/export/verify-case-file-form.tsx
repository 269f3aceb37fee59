"use client";
// "Verify a case file": the chosen ZIP is sent as the body of POST /api/v1/case-files/verify (it
// streams to the server; nothing is read into the page), and the answer is shown file by file.
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/form-styles";
import type { CaseFileReport } from "@/lib/export/verify-case-file";

type State = { status: "idle" } | { status: "checking"; name: string } | { status: "done"; name: string; report: CaseFileReport } | { status: "error"; message: string };

export function VerifyCaseFileForm({ maxBytes }: { maxBytes: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ status: "idle" });

  async function verify(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setState({ status: "error", message: "Choose the case file (a .zip) first." });
    if (file.size > maxBytes) return setState({ status: "error", message: `This file is over the ${Math.round(maxBytes / 1024 ** 3)} GiB limit of this page; use npm run verify-export instead.` });
    setState({ status: "checking", name: file.name });
    try {
      const res = await fetch("/api/v1/case-files/verify", { method: "POST", headers: { "content-type": "application/zip" }, body: file });
      const body = (await res.json()) as CaseFileReport | { error: { message: string } };
      if (!res.ok || "error" in body) return setState({ status: "error", message: "error" in body ? body.error.message : `The server answered ${res.status}` });
      setState({ status: "done", name: file.name, report: body });
    } catch (e) {
      setState({ status: "error", message: `The file could not be sent: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={verify} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium text-slate-700">
          Case file (.zip)
          <input type="file" name="file" accept=".zip,application/zip" className={`${inputClass} mt-1`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className={buttonClass("primary")} disabled={state.status === "checking"}>
          {state.status === "checking" ? "Verifying…" : "Verify"}
        </button>
      </form>
      {state.status === "checking" && <p role="status" className="text-sm text-slate-600">Checking {state.name}…</p>}
      {state.status === "error" && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">{state.message}</p>}
      {state.status === "done" && <CaseFileResult name={state.name} report={state.report} />}
    </div>
  );
}

function CaseFileResult({ name, report }: { name: string; report: CaseFileReport }) {
  const sig = report.signature;
  return (
    <section aria-label="Verification result" data-testid="verify-result" data-ok={report.ok ? "true" : "false"} className="space-y-3">
      {report.ok ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-base font-semibold text-emerald-900">
          {name} is intact: signed by this instance (key {sig.keyId}) and every file matches its manifest.
        </p>
      ) : (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-base font-semibold text-red-900">
          {name} is not as it was exported.
        </p>
      )}
      {report.manifest && (
        <p className="text-sm text-slate-700">
          Case {report.manifest.caseNumber}, exported {report.manifest.exportedAt}; {report.manifest.files} files listed.
        </p>
      )}
      <p className="text-sm">
        Signature: <strong>{sig.status === "valid" ? `valid (key ${sig.keyId})` : sig.status === "missing" ? "missing" : "not by this instance's key, or the manifest was changed"}</strong>
      </p>
      {(report.missing.length > 0 || report.extra.length > 0 || report.altered.length > 0 || report.problems.length > 0) && (
        <ul className="list-disc space-y-1 pl-6 text-sm" aria-label="Findings">
          {report.missing.map((p) => (
            <li key={`m${p}`}>Missing: <code>{p}</code></li>
          ))}
          {report.extra.map((p) => (
            <li key={`e${p}`}>Extra (not in the manifest): <code>{p}</code></li>
          ))}
          {report.altered.map((a) => (
            <li key={`a${a.path}`}>
              Altered: <code>{a.path}</code> — expected {a.expected.size} bytes, SHA-256 <code className="break-all">{a.expected.sha256}</code>
              {a.actual ? <>; found {a.actual.size} bytes, SHA-256 <code className="break-all">{a.actual.sha256}</code></> : <>; unreadable ({a.detail})</>}
            </li>
          ))}
          {report.problems.map((p) => (
            <li key={`p${p}`}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
