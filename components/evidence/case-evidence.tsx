// The evidence panel of a case page: the uploader (for those who may add evidence) and the
// case's evidence, newest first, paged with ?evidencePage= so notes and the case stay put; a link
// to the case's distillation analysis of its API logs.
import Link from "next/link";
import { buttonClass } from "@/components/form-styles";
import { EvidenceTable } from "@/components/evidence/evidence-table";
import { EvidenceUploader } from "@/components/evidence/evidence-uploader";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import type { EvidenceView } from "@/lib/evidence/evidence-view";

type Props = {
  caseNumber: string;
  evidence: { items: EvidenceView[]; total: number; page: number; pageSize: number };
  /** Present when the user may add evidence. */
  upload?: { maxBytes: number };
};

export function CaseEvidence({ caseNumber, evidence, upload }: Props) {
  return (
    <Panel
      title={`Evidence (${evidence.total})`}
      id="case-evidence"
      actions={<Link href={`/cases/${caseNumber}/distillation`} className={buttonClass("secondary", "sm")}>Distillation analysis</Link>}
    >
      {upload && (
        <div className="mb-4">
          <EvidenceUploader caseNumber={caseNumber} maxBytes={upload.maxBytes} />
        </div>
      )}
      {evidence.total === 0 ? (
        <p className="text-sm text-slate-600">No evidence yet.{upload ? " Drop reports, API logs or documents above." : ""}</p>
      ) : (
        <>
          <EvidenceTable items={evidence.items} />
          <SubListPagination basePath={`/cases/${caseNumber}`} list={evidence} pageParam="evidencePage" label="Evidence pages" />
        </>
      )}
    </Panel>
  );
}
