"use server";
// Starting an ingest from the evidence page: lib/ingest checks access and refusals; on success the
// browser goes to the run's page to watch it.
import type { ActionState } from "@/components/action-state";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { ingestRunHref } from "@/components/ingest/ingest-run-href";
import { startIngest } from "@/lib/ingest/start-ingest";

export const startIngestAction = defineFormAction<ActionState>(async (ctx, form) =>
  redirectTo(ingestRunHref(await startIngest(ctx, String(form.get("evidenceId") ?? "")))),
);
