import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/form-styles";
import { IngestRunProgress } from "@/components/ingest/ingest-run-progress";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { positiveInt, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { getCase } from "@/lib/cases/get-case";
import { getEvidenceMetadata } from "@/lib/evidence/get-evidence";
import { getIngestRun } from "@/lib/ingest/get-ingest-run";

type Props = { params: Promise<{ id: string; runId: string }>; searchParams: Promise<SearchParams> };

export const metadata: Metadata = { title: "Ingest run" };

const ERRORS_PAGE_SIZE = 100;

export default async function IngestRunPage({ params, searchParams }: Props) {
  const actor = await requireUser();
  const { id, runId } = await params;
  const errorsPage = positiveInt((await searchParams).errorsPage);
  const run = await orNotFound(getIngestRun(actor, runId, { page: errorsPage, pageSize: ERRORS_PAGE_SIZE }));
  const [c, evidence] = await orNotFound(Promise.all([getCase(actor, id), getEvidenceMetadata(actor, run.evidenceId)]));
  if (c.id !== run.caseId) notFound();
  return (
    <>
      <PageHeader
        title={`Ingest of ${evidence.title}`}
        description={
          <>
            <Link href={`/cases/${c.number}`} className={linkClass}>{c.number}</Link> ·{" "}
            <Link href={`/evidence/${evidence.id}`} className={linkClass}>{evidence.originalFilename}</Link> · SHA-256{" "}
            <span className="font-mono">{evidence.sha256.slice(0, 16)}…</span>
          </>
        }
      />
      <IngestRunProgress initial={run} basePath={`/cases/${c.id}/ingest-runs/${run.id}`} />
    </>
  );
}
