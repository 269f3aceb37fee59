/** The page of an ingest run (under its case). */
export const ingestRunHref = (run: { caseId: string; id: string }) => `/cases/${run.caseId}/ingest-runs/${run.id}`;
