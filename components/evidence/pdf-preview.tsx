"use client";
// A PDF drawn in the page by pdf.js, one page at a time on a canvas. pdf.js never runs a document's
// scripts (no scripting sandbox is loaded) and is given no eval; the bytes are fetched once from
// content?view=1, which records the one VIEW in the chain of custody.
import { useEffect, useRef, useState } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { buttonClass } from "@/components/form-styles";

type State = { doc: PDFDocumentProxy | null; error: string | null; page: number };

export function PdfPreview({ url, title }: { url: string; title: string }) {
  const [state, setState] = useState<State>({ doc: null, error: null, page: 1 });
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let worker: Worker | undefined;
    let destroy: (() => Promise<void>) | undefined;
    (async () => {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`The server answered ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      const pdfjs = await import("pdfjs-dist");
      worker = new Worker(new URL("./pdf.worker.ts", import.meta.url), { type: "module" });
      pdfjs.GlobalWorkerOptions.workerPort = worker;
      const task = pdfjs.getDocument({ data, isEvalSupported: false, enableXfa: false, stopAtErrors: false });
      destroy = () => task.destroy();
      const doc = await task.promise;
      if (!cancelled) setState({ doc, error: null, page: 1 });
    })().catch((e: unknown) => {
      if (!cancelled) setState({ doc: null, error: e instanceof Error ? e.message : String(e), page: 1 });
    });
    return () => {
      cancelled = true;
      void destroy?.();
      worker?.terminate();
    };
  }, [url]);

  useEffect(() => {
    const { doc, page } = state;
    const target = canvas.current;
    if (!doc || !target) return;
    let cancelled = false;
    let cancelRender: (() => void) | undefined;
    (async () => {
      const p = await doc.getPage(page);
      if (cancelled) return;
      const width = target.parentElement?.clientWidth || 800;
      const base = p.getViewport({ scale: 1 });
      const viewport = p.getViewport({ scale: Math.min(2, width / base.width) });
      const ratio = window.devicePixelRatio || 1;
      target.width = Math.floor(viewport.width * ratio);
      target.height = Math.floor(viewport.height * ratio);
      target.style.width = `${Math.floor(viewport.width)}px`;
      target.style.height = `${Math.floor(viewport.height)}px`;
      const context = target.getContext("2d");
      if (!context) return;
      const task = p.render({ canvasContext: context, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      cancelRender = () => task.cancel();
      await task.promise;
      if (!cancelled) target.dataset.renderedPage = String(page);
    })().catch(() => {
      /* a cancelled render, or a damaged page: the page shows what it drew */
    });
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [state]);

  if (state.error) return <p role="alert" className="text-sm text-red-800">This PDF could not be drawn here ({state.error}). Download it to open it with a suitable tool.</p>;
  if (!state.doc) return <p className="text-sm text-slate-600" aria-live="polite">Drawing the PDF…</p>;
  const pages = state.doc.numPages;
  const go = (page: number) => setState((s) => ({ ...s, page }));
  return (
    <div>
      <div className="max-h-[40rem] overflow-auto rounded border border-slate-200 bg-slate-100" tabIndex={0} role="region" aria-label={`Page ${state.page} of ${title}`}>
        <canvas ref={canvas} data-testid="evidence-preview-pdf" className="mx-auto block bg-white" />
      </div>
      <nav aria-label="PDF pages" className="mt-2 flex items-center justify-between text-xs text-slate-600">
        <p>Page {state.page} of {pages}</p>
        <div className="flex gap-2">
          {state.page > 1 && <button type="button" className={buttonClass("secondary", "sm")} onClick={() => go(state.page - 1)}>Previous page</button>}
          {state.page < pages && <button type="button" className={buttonClass("secondary", "sm")} onClick={() => go(state.page + 1)}>Next page</button>}
        </div>
      </nav>
    </div>
  );
}
