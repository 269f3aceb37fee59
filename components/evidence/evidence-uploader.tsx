"use client";
// Drag-and-drop (or pick) several files, set each one's kind and title, then upload them side by
// side to POST /api/v1/cases/{id}/evidence with a progress bar and a Cancel button each. XHR, not
// fetch: only XHR reports upload progress. The server streams each body to storage while hashing
// and answers with the recorded SHA-256, which is shown here so it can be compared with the
// investigator's own.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from "react";
import { FieldError } from "@/components/field-error";
import { buttonClass, inputClass, linkClass } from "@/components/form-styles";
import { formatBytes } from "@/components/format";
import { useToast } from "@/components/toast";
import { CollectedAtField } from "@/components/evidence/collected-at-field";
import { guessKind, guessKindFromContent, KIND_OPTIONS, readHead, type EvidenceKind } from "@/components/evidence/evidence-kind";
import { SameContentNote } from "@/components/evidence/same-content-note";
import { localToIso } from "@/components/evidence/local-time";
import type { SameContentItem } from "@/lib/evidence/same-content";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { fieldErrorsOf } from "@/lib/validation";

type Phase = "ready" | "uploading" | "recording" | "done" | "failed" | "cancelled";

type Item = {
  key: string;
  file: File;
  kind: EvidenceKind;
  title: string;
  phase: Phase;
  /** Share of the request body sent, 0..1 (the body is the file plus a little multipart framing). */
  progress: number;
  error?: string;
  fieldErrors?: Record<string, string[]>;
  result?: { id: string; sha256: string; mediaType: string; mediaTypeMismatch: boolean; sameContent?: SameContentItem[] };
  /** The kind was picked by the investigator: a later guess from the content leaves it alone. */
  kindChosen?: boolean;
};

type Props = {
  caseNumber: string;
  maxBytes: number;
  /** Single-file mode: the upload replaces this item (it stays visible, marked superseded). */
  supersede?: { id: string; kind: EvidenceKind; title: string; source?: string; description?: string };
};

const busy = (p: Phase) => p === "uploading" || p === "recording";

export function EvidenceUploader({ caseNumber, maxBytes, supersede }: Props) {
  const [items, setItems] = useState<Item[]>([]);
  // A replacement keeps what was said about the file it corrects.
  const [shared, setShared] = useState({ source: supersede?.source ?? "", collectedAt: "", description: supersede?.description ?? "" });
  const [dragging, setDragging] = useState(false);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const nextKey = useRef(0);
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const multiple = !supersede;

  // XHR events can arrive after the outcome (a refusal answered before the body was all sent):
  // `from` names the phases a change may apply to, so a late event cannot undo a final state.
  const update = useCallback((key: string, change: Partial<Item>, from?: Phase[]) => {
    setItems((all) => all.map((i) => (i.key === key && (!from || from.includes(i.phase)) ? { ...i, ...change } : i)));
  }, []);
  // Uploads the server recorded (or may have) since the list was last refreshed.
  const recordedSinceRefresh = useRef({ count: 0, uncertain: false });

  const anyBusy = items.some((i) => busy(i.phase));
  // Leaving the page would abort the uploads in flight: ask first.
  useEffect(() => {
    if (!anyBusy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [anyBusy]);

  function addFiles(files: FileList | File[]) {
    if (!multiple && anyBusy) return; // the replacement in flight stays the only one
    const picked = [...files].slice(0, multiple ? undefined : 1);
    const added = picked.map((file) => ({
      key: `f${nextKey.current++}`,
      file,
      kind: supersede?.kind ?? guessKind(file.name, file.type),
      title: supersede?.title ?? file.name,
      phase: "ready" as const,
      progress: 0,
      error: sizeProblem(file.size, maxBytes),
    }));
    setItems((all) => (multiple ? [...all.filter((i) => i.phase !== "done"), ...added] : added));
    // Then a better guess from the first bytes (an API log's columns), unless the kind was chosen.
    if (!supersede) {
      for (const item of added) {
        void readHead(item.file).then((head) => {
          const kind = guessKindFromContent(item.file.name, head);
          if (kind) setItems((all) => all.map((i) => (i.key === item.key && !i.kindChosen && i.phase === "ready" ? { ...i, kind } : i)));
        });
      }
    }
  }

  function start(item: Item) {
    const metadata = { kind: item.kind, title: item.title, description: shared.description, source: shared.source, collectedAt: localToIso(shared.collectedAt) };
    const parsed = ZEvidenceMetadata.safeParse(metadata);
    if (!parsed.success) {
      update(item.key, { phase: "failed", error: "Check the highlighted fields", fieldErrors: fieldErrorsOf(parsed.error) });
      return;
    }
    const problem = sizeProblem(item.file.size, maxBytes);
    if (problem) {
      update(item.key, { phase: "failed", error: problem });
      return;
    }
    const body = new FormData();
    for (const [name, value] of Object.entries(metadata)) if (value) body.append(name, value);
    if (supersede) body.append("supersedesId", supersede.id);
    body.append("file", item.file, item.file.name); // last, after the fields it is checked against

    const xhr = new XMLHttpRequest();
    requests.current.set(item.key, xhr);
    xhr.open("POST", `/api/v1/cases/${encodeURIComponent(caseNumber)}/evidence`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => update(item.key, { progress: e.total ? e.loaded / e.total : 0 }, ["uploading"]);
    // Every byte is sent; the server is finishing the hash, making the file durable and recording
    // it. From here the outcome no longer depends on this page: no Cancel.
    let sent = false;
    xhr.upload.onload = () => {
      sent = true;
      update(item.key, { phase: "recording", progress: 1 }, ["uploading"]);
    };
    xhr.onload = () => {
      requests.current.delete(item.key);
      const json = xhr.response as ApiAnswer | null;
      if (xhr.status === 201 && json && "sha256" in json) {
        recordedSinceRefresh.current.count += 1;
        update(item.key, { phase: "done", result: json });
        if (supersede) router.push(`/evidence/${json.id}?toast=${encodeURIComponent("Replacement uploaded; this is now the current version")}`);
      } else {
        const err = json && "error" in json ? json.error : null;
        update(item.key, {
          phase: "failed",
          error: err?.message ?? `The server answered ${xhr.status}`,
          fieldErrors: err?.details?.fieldErrors,
        });
      }
    };
    let abortedByUser = false;
    const lost = () => {
      requests.current.delete(item.key);
      if (sent) {
        // The server had the whole file and may well have recorded it: say so, and show the list.
        recordedSinceRefresh.current.uncertain = true;
        update(item.key, { phase: "failed", error: "The connection dropped after the file was sent; the server may have recorded it. Check the evidence list before retrying." });
      } else {
        update(item.key, abortedByUser ? { phase: "cancelled", error: undefined } : { phase: "failed", error: "The connection failed before the file was sent. Nothing was recorded; try again." });
      }
    };
    xhr.onerror = lost;
    xhr.onabort = () => {
      abortedByUser = true;
      lost();
    };
    update(item.key, { phase: "uploading", progress: 0, error: undefined, fieldErrors: undefined });
    xhr.send(body);
  }

  // Refresh the evidence list once everything in flight has finished, if anything was recorded.
  useEffect(() => {
    const recorded = recordedSinceRefresh.current;
    if (anyBusy || supersede || (recorded.count === 0 && !recorded.uncertain)) return;
    if (recorded.count) toast(recorded.count === 1 ? "Evidence uploaded" : `${recorded.count} files uploaded`);
    recordedSinceRefresh.current = { count: 0, uncertain: false };
    router.refresh();
  }, [anyBusy, items, supersede, router, toast]);

  useEffect(() => {
    const inFlight = requests.current;
    return () => inFlight.forEach((xhr) => xhr.abort());
  }, []);

  const doneCount = items.filter((i) => i.phase === "done").length;
  const startable = items.filter((i) => (i.phase === "ready" || i.phase === "failed" || i.phase === "cancelled") && !sizeProblem(i.file.size, maxBytes));

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  }

  return (
    <div className="space-y-4">
      <div
        data-testid="evidence-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-md border-2 border-dashed px-4 py-6 text-center text-sm focus-within:ring-2 focus-within:ring-blue-500 ${dragging ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-slate-50"}`}
      >
        <p className="text-slate-700">
          {multiple ? "Drop files here, or " : "Drop the corrected file here, or "}
          <label htmlFor={`${id}-picker`} className={`${linkClass} cursor-pointer font-medium`}>
            choose {multiple ? "files" : "a file"}
          </label>
          <input
            id={`${id}-picker`}
            type="file"
            multiple={multiple}
            className="sr-only"
            onChange={(e) => {
              if (e.target.files) addFiles(e.target.files);
              e.target.value = "";
            }}
          />
        </p>
        <p className="mt-1 text-xs text-slate-500">Up to {formatBytes(maxBytes)} each. Files are hashed (SHA-256) as they are stored and never change afterwards.</p>
      </div>

      {items.length > 0 && (
        <>
          <ul className="space-y-3" aria-label="Files to upload">
            {items.map((item) => (
              <li key={item.key} className="rounded-md border border-slate-200 p-3" aria-label={item.file.name}>
                <UploadRow
                  item={item}
                  idPrefix={`${id}-${item.key}`}
                  lockedKind={!!supersede}
                  othersBusy={anyBusy}
                  blocked={!!sizeProblem(item.file.size, maxBytes)}
                  onChange={(change) => update(item.key, { ...change, ...(change.kind && { kindChosen: true }), fieldErrors: undefined, error: item.phase === "failed" ? undefined : item.error })}
                  onRemove={() => setItems((all) => all.filter((i) => i.key !== item.key))}
                  onCancel={() => requests.current.get(item.key)?.abort()}
                  onRetry={() => start(item)}
                />
              </li>
            ))}
          </ul>

          {(startable.length > 0 || anyBusy) && (
            <fieldset className="grid gap-3 sm:grid-cols-2" disabled={anyBusy}>
              <legend className="mb-1 text-sm font-medium text-slate-700">{multiple ? "For all files" : "Details"}</legend>
              <div>
                <label htmlFor={`${id}-source`} className="block text-sm font-medium text-slate-700">Source</label>
                <input id={`${id}-source`} value={shared.source} maxLength={500} onChange={(e) => setShared({ ...shared, source: e.target.value })}
                  placeholder="e.g. gateway export, vendor report" className={inputClass} />
              </div>
              <CollectedAtField id={`${id}-collected`} value={shared.collectedAt} onLocalChange={(local) => setShared({ ...shared, collectedAt: local })} />
              <div className="sm:col-span-2">
                <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-700">Description</label>
                <textarea id={`${id}-description`} rows={2} maxLength={10_000} value={shared.description} onChange={(e) => setShared({ ...shared, description: e.target.value })} className={inputClass} />
              </div>
            </fieldset>
          )}

          <div className="flex items-center gap-3">
            {startable.length > 0 && !anyBusy && (
              <button type="button" className={buttonClass()} onClick={() => startable.forEach(start)}>
                {supersede ? "Upload replacement" : startable.length === 1 ? "Upload 1 file" : `Upload ${startable.length} files`}
              </button>
            )}
            {!anyBusy && (
              <button type="button" className={buttonClass("ghost")} onClick={() => setItems([])}>
                Clear list
              </button>
            )}
            <p className="text-xs text-slate-500" aria-live="polite">
              {anyBusy ? `Uploading ${items.filter((i) => busy(i.phase)).length}…` : doneCount ? `${doneCount} of ${items.length} uploaded` : ""}
            </p>
          </div>
        </>
      )}
    </div>
  );
}

type ApiAnswer =
  | { id: string; sha256: string; mediaType: string; mediaTypeMismatch: boolean; sameContent?: SameContentItem[] }
  | { error: { message: string; details?: { fieldErrors?: Record<string, string[]> } | null } };

type RowProps = {
  item: Item;
  idPrefix: string;
  lockedKind: boolean;
  /** Other uploads of the list are still running. */
  othersBusy: boolean;
  /** Empty or over the limit: it can only be removed from the list. */
  blocked: boolean;
  onChange: (change: Partial<Pick<Item, "kind" | "title">>) => void;
  onRemove: () => void;
  onCancel: () => void;
  onRetry: () => void;
};

function UploadRow({ item, idPrefix, lockedKind, othersBusy, blocked, onChange, onRemove, onCancel, onRetry }: RowProps) {
  const editable = item.phase === "ready" || item.phase === "failed" || item.phase === "cancelled";
  const percent = Math.floor(item.progress * 100);
  const titleErrors = item.fieldErrors?.title;
  const kindErrors = [...(item.fieldErrors?.kind ?? []), ...(item.fieldErrors?.file ?? [])];
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="min-w-0 truncate font-mono text-sm" title={item.file.name}>{item.file.name}</p>
        <p className="text-xs text-slate-500">{formatBytes(item.file.size)}</p>
      </div>
      {editable && (
        <div className="grid gap-2 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <label htmlFor={`${idPrefix}-title`} className="block text-xs font-medium text-slate-700">Title</label>
            <input id={`${idPrefix}-title`} value={item.title} maxLength={200} required onChange={(e) => onChange({ title: e.target.value })}
              aria-invalid={titleErrors ? true : undefined} aria-describedby={titleErrors ? `${idPrefix}-title-error` : undefined} className={inputClass} />
            <FieldError id={`${idPrefix}-title-error`} errors={titleErrors} />
          </div>
          <div>
            <label htmlFor={`${idPrefix}-kind`} className="block text-xs font-medium text-slate-700">Kind</label>
            <select id={`${idPrefix}-kind`} value={item.kind} disabled={lockedKind} onChange={(e) => onChange({ kind: e.target.value as EvidenceKind })}
              aria-invalid={kindErrors.length ? true : undefined} aria-describedby={kindErrors.length ? `${idPrefix}-kind-error` : undefined} className={inputClass}>
              {KIND_OPTIONS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
            <FieldError id={`${idPrefix}-kind-error`} errors={kindErrors.length ? kindErrors : undefined} />
          </div>
        </div>
      )}
      {busy(item.phase) && (
        <div className="flex items-center gap-3">
          <progress
            className="h-2 flex-1 overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-blue-600"
            max={100}
            value={item.phase === "recording" ? undefined : percent}
            aria-label={`Upload of ${item.file.name}`}
          />
          <span className="w-36 text-right text-xs tabular-nums text-slate-600">
            {item.phase === "recording" ? "Recording…" : `${percent}% · ${formatBytes(Math.min(item.file.size, Math.round(item.progress * item.file.size)))}`}
          </span>
          {item.phase === "uploading" && (
            <button type="button" className={buttonClass("secondary", "sm")} onClick={onCancel}>
              Cancel<span className="sr-only"> upload of {item.file.name}</span>
            </button>
          )}
        </div>
      )}
      {item.phase === "done" && item.result && (
        <div className="text-sm">
          <p className="text-emerald-800">
            Uploaded.{" "}
            {/* Navigating away would abort the uploads still running: open it beside them instead. */}
            <Link href={`/evidence/${item.result.id}`} className={linkClass} target={othersBusy ? "_blank" : undefined}>Open evidence</Link>
          </p>
          <p className="mt-1 break-all font-mono text-xs text-slate-700">
            SHA-256 <span data-testid="uploaded-sha256">{item.result.sha256}</span>
          </p>
          {item.result.sameContent && item.result.sameContent.length > 0 && <SameContentNote items={item.result.sameContent} />}
          {item.result.mediaTypeMismatch && (
            <p className="mt-1 text-xs text-amber-800">The content is {item.result.mediaType}, not the type the file claimed.</p>
          )}
        </div>
      )}
      {item.phase === "cancelled" && <p className="text-sm text-slate-600">Cancelled. Nothing was recorded.</p>}
      {item.error && (
        <p role="alert" className="text-sm text-red-800">{item.error}</p>
      )}
      {editable && (
        <div className="flex gap-2">
          {(item.phase === "failed" || item.phase === "cancelled") && !blocked && (
            <button type="button" className={buttonClass("secondary", "sm")} onClick={onRetry}>Retry</button>
          )}
          <button type="button" className={buttonClass("ghost", "sm")} onClick={onRemove}>
            Remove<span className="sr-only"> {item.file.name} from the list</span>
          </button>
        </div>
      )}
    </div>
  );
}

function sizeProblem(size: number, maxBytes: number): string | undefined {
  if (size === 0) return "This file is empty; there is nothing to record.";
  if (size > maxBytes) return `This file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit.`;
  return undefined;
}
