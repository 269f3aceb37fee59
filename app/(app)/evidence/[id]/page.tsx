import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { EvidenceStateBadges } from "@/components/evidence/evidence-badges";
import { EditEvidenceForm, RemoveEvidenceForm, VerifyEvidenceForm } from "@/components/evidence/evidence-actions";
import { EvidenceFacts } from "@/components/evidence/evidence-facts";
import { canPreview, EvidencePreviewPanel, readPreview } from "@/components/evidence/evidence-preview-panel";
import { CustodyTimeline } from "@/components/evidence/custody-timeline";
import { EvidenceUploader } from "@/components/evidence/evidence-uploader";
import type { EvidenceKind } from "@/components/evidence/evidence-kind";
import { buttonClass } from "@/components/form-styles";
import { formatDateTime } from "@/components/format";
import { orNotFound } from "@/components/page-errors";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import { positiveInt, type SearchParams } from "@/components/url";
import { requireRequestContext, requireUser } from "@/lib/auth/current-user";
import { decideCase, type CaseOperation } from "@/lib/access/case-policy";
import { getCase } from "@/lib/cases/get-case";
import { env } from "@/lib/env";
import { isCrossSiteNavigation } from "@/lib/http/same-origin";
import { getEvidenceMetadata, listCustody } from "@/lib/evidence/get-evidence";
import { listSameContent } from "@/lib/evidence/same-content";
import { SameContentNote } from "@/components/evidence/same-content-note";
import { EvidenceIngestPanel } from "@/components/ingest/evidence-ingest-panel";
import { listIngestRuns } from "@/lib/ingest/get-ingest-run";
import { editEvidenceAction, removeEvidenceAction, verifyEvidenceAction } from "./actions";
import { startIngestAction } from "./ingest-actions";

const CUSTODY_PAGE_SIZE = 50;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** The tab names the item ("Gateway log · Evidence · Lantern"); "Evidence" when it cannot be read (the page answers 404). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await requireUser();
  const e = await getEvidenceMetadata(actor, (await params).id).catch(() => null);
  return { title: e ? `${e.title} · Evidence` : "Evidence" };
}

export default async function EvidencePage({ params, searchParams }: Props) {
  const ctx = await requireRequestContext();
  const { actor } = ctx;
  const { id } = await params;
  const query = await searchParams;
  const custodyPage = positiveInt(query.custodyPage);
  const e = await orNotFound(getEvidenceMetadata(actor, id));
  // Read the preview first, so the VIEW it records is on the timeline below; never for a link
  // followed from another site (the user did not ask to view anything).
  const asked = query.preview === "1" && !isCrossSiteNavigation(await headers());
  const preview = asked && canPreview(e) ? await readPreview(ctx, id, positiveInt(query.previewPage)) : null;
  const [c, custody, sameContent] = await orNotFound(
    Promise.all([getCase(actor, e.caseId), listCustody(actor, id, { page: custodyPage, pageSize: CUSTODY_PAGE_SIZE }), listSameContent(actor, e)]),
  );
  const facts = { restricted: c.restricted, isMember: c.members.some((m) => m.id === actor.id) };
  const allowed = (op: CaseOperation) => decideCase(actor, facts, op) === "allow";
  const current = !e.removed && !e.supersededById;
  const ingestRuns = e.kind === "API_LOG" ? await listIngestRuns(actor, e.id) : null;

  return (
    <>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="font-mono text-sm text-slate-500">
            <Link href="/cases" className="hover:underline">Cases</Link> / <Link href={`/cases/${c.number}`} className="hover:underline">{c.number}</Link> / Evidence
          </p>
          <h1 className={`mt-1 break-words text-2xl font-semibold tracking-tight ${e.removed ? "line-through" : ""}`}>{e.title}</h1>
          <div className="mt-2"><EvidenceStateBadges e={e} /></div>
        </div>
        {!e.removed && (
          <div className="flex flex-wrap items-start gap-2">
            <a href={`/api/v1/evidence/${e.id}/content`} download className={buttonClass()}>Download</a>
            <VerifyEvidenceForm action={verifyEvidenceAction} evidenceId={e.id} />
          </div>
        )}
      </header>

      {e.integrity === "FAILED" && (
        <div role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">Integrity check failed</p>
          <p className="mt-1">
            On {formatDateTime(e.lastVerifiedAt)} the stored content did not match the SHA-256 recorded at upload. Do not rely on this copy:
            restore the file from a trusted backup and verify again, and tell the case lead. The chain of custody below shows what was observed.
          </p>
        </div>
      )}
      {e.removal && (
        <div role="status" className="mb-6 rounded-md border border-slate-300 bg-slate-100 p-4 text-sm text-slate-800">
          <p className="font-semibold">Removed on {formatDateTime(e.removal.at)}</p>
          <p className="mt-1">Reason: {e.removal.reason}. The content is no longer served; its hash and chain of custody remain.</p>
        </div>
      )}
      {e.supersededById && (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Superseded: a corrected file replaces this one. <Link href={`/evidence/${e.supersededById}`} className="font-medium underline">Open the current version</Link>
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <EvidencePreviewPanel e={e} preview={preview} />
          <Panel title={`Chain of custody (${custody.total}), newest first`} id="evidence-custody">
            <CustodyTimeline events={custody.items} sha256={e.sha256} />
            <SubListPagination basePath={`/evidence/${e.id}`} list={custody} pageParam="custodyPage" label="Custody pages" />
          </Panel>
        </div>
        <div className="space-y-6">
          <EvidenceFacts e={e} />
          {ingestRuns && (
            <EvidenceIngestPanel evidenceId={e.id} runs={ingestRuns} canStart={!e.removed && allowed("addEvidence")} action={startIngestAction} />
          )}
          <SameContentNote items={sameContent} />
          {current && allowed("addEvidence") && (
            <Panel title="Edit details" id="evidence-edit">
              <EditEvidenceForm action={editEvidenceAction} evidenceId={e.id} initial={{ kind: e.kind, title: e.title, description: e.description, source: e.source, collectedAt: e.collectedAt, version: e.version }} />
            </Panel>
          )}
          {current && allowed("addEvidence") && (
            <Panel title="Supersede" id="evidence-supersede">
              <p className="mb-3 text-sm text-slate-600">Upload a corrected file. Both stay on the case; this one is marked superseded.</p>
              <EvidenceUploader caseNumber={c.number} maxBytes={env().LANTERN_MAX_UPLOAD_BYTES} supersede={{ id: e.id, kind: e.kind as EvidenceKind, title: e.title, source: e.source, description: e.description }} />
            </Panel>
          )}
          {!e.removed && allowed("removeEvidence") && (
            <Panel title="Remove" id="evidence-remove">
              <RemoveEvidenceForm action={removeEvidenceAction} evidenceId={e.id} title={e.title} />
            </Panel>
          )}
        </div>
      </div>
    </>
  );
}
