// Sends an import file to POST /api/v1/accounts/import with the session cookie (XHR: the only
// browser API with upload progress), asking for the streamed answer (application/x-ndjson): one
// {"type":"progress","done","total"} line per batch, then {"type":"result", …} or {"type":"error", …}.
// A server that answers plain JSON is understood too.
import type { ImportResult } from "@/components/accounts/import-result";

export type ImportCallbacks = {
  /** Share of the file sent, 0..1. */
  onUpload: (fraction: number) => void;
  /** Rows processed by the server so far. */
  onProgress: (done: number, total: number) => void;
};

export class ImportFailed extends Error {}

type Line =
  | { type: "progress"; done: number; total: number }
  | ({ type: "result" } & ImportResult)
  | { type: "error"; error: { message: string } };

export function postImport(file: File, dryRun: boolean, cb: ImportCallbacks): { done: Promise<ImportResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportResult>((resolve, reject) => {
    xhr.open("POST", `/api/v1/accounts/import${dryRun ? "?dryRun=true" : ""}`);
    xhr.setRequestHeader("Accept", "application/x-ndjson, application/json");
    xhr.upload.onprogress = (e) => cb.onUpload(e.total ? e.loaded / e.total : 0);
    xhr.upload.onload = () => cb.onUpload(1);
    let consumed = 0;
    let result: ImportResult | null = null;
    let failure: string | null = null;
    const readLines = (final: boolean) => {
      const text = xhr.responseText;
      const end = final ? text.length : text.lastIndexOf("\n") + 1;
      if (end <= consumed) return;
      for (const raw of text.slice(consumed, end).split("\n")) {
        if (!raw.trim()) continue;
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          continue;
        }
        if (line.type === "progress") cb.onProgress(line.done, line.total);
        else if (line.type === "result") {
          const { type: _type, ...rest } = line;
          result = rest;
        } else if (line.type === "error") failure = line.error.message;
      }
      consumed = end;
    };
    const streamed = () => (xhr.getResponseHeader("content-type") ?? "").includes("ndjson");
    xhr.onprogress = () => {
      if (xhr.status < 400 && streamed()) readLines(false);
    };
    xhr.onload = () => {
      if (xhr.status >= 400 || !streamed()) {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        const err = (body as { error?: { message?: string } } | null)?.error;
        if (xhr.status < 400 && body && !err) return resolve(body as ImportResult);
        return reject(new ImportFailed(err?.message ?? `The server answered ${xhr.status}`));
      }
      readLines(true);
      if (result) resolve(result);
      else reject(new ImportFailed(failure ?? "The import ended without a result; check the account list before retrying."));
    };
    xhr.onerror = () => reject(new ImportFailed("The connection failed. A real import may have completed some batches; a re-run changes nothing that is already in."));
    xhr.onabort = () => reject(new ImportFailed("Cancelled."));
    const body = new FormData();
    body.append("file", file, file.name);
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
