// The preview panel of the evidence page. A preview is read only when asked for (?preview=1):
// every view is a custody event, so merely opening the page must not record one.
import Link from "next/link";
import { EvidencePreviewView } from "@/components/evidence/evidence-preview";
import { buttonClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import type { RequestContext } from "@/lib/access/actor";
import { isAppError } from "@/lib/errors";
import type { EvidenceView } from "@/lib/evidence/evidence-view";
import { PREVIEWABLE } from "@/lib/evidence/media-type";
import { previewEvidence, type EvidencePreview } from "@/lib/evidence/preview-evidence";

const PREVIEW_PAGE_SIZE = 50;

export type PreviewResult = EvidencePreview | { problem: string };

/** Reads one page of the preview (recording the VIEW); an expected error becomes a message. */
export async function readPreview(ctx: RequestContext, evidenceId: string, page: number): Promise<PreviewResult> {
  try {
    return await previewEvidence(ctx, evidenceId, { page, pageSize: PREVIEW_PAGE_SIZE });
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { problem: err.message };
  }
}

export const canPreview = (e: EvidenceView) => !e.removed && PREVIEWABLE.has(e.mediaType);

/** `preview` is null until the user asks for it. */
export function EvidencePreviewPanel({ e, preview }: { e: EvidenceView; preview: PreviewResult | null }) {
  if (e.removed) return null;
  if (!canPreview(e)) {
    return (
      <Panel title="Preview" id="evidence-preview">
        <p className="text-sm text-slate-600">{e.mediaType} content is not shown in the browser, for your safety. Download it to open it with a suitable tool.</p>
      </Panel>
    );
  }
  if (!preview) {
    return (
      <Panel title="Preview" id="evidence-preview">
        <div className="flex flex-wrap items-center gap-3">
          <Link href={`/evidence/${e.id}?preview=1`} className={buttonClass("secondary")} scroll={false}>Show preview</Link>
          <p className="text-xs text-slate-500">Viewing is recorded in the chain of custody.</p>
        </div>
      </Panel>
    );
  }
  return (
    <Panel title="Preview" id="evidence-preview" actions={<Link href={`/evidence/${e.id}`} className={buttonClass("ghost", "sm")} scroll={false}>Hide</Link>}>
      {"problem" in preview ? <p role="alert" className="text-sm text-red-800">{preview.problem}</p> : <EvidencePreviewView evidenceId={e.id} title={e.title} preview={preview} />}
    </Panel>
  );
}
