"use server";
// Starting an ingest from the evidence page: lib/ingest checks access and refusals; on success the
// browser goes to the run's page to watch it.
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-state";
import { failure } from "@/components/action-result";
import { ingestRunHref } from "@/components/ingest/ingest-run-href";
import { requireRequestContext } from "@/lib/auth/current-user";
import { startIngest } from "@/lib/ingest/start-ingest";

export async function startIngestAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  let href: string;
  try {
    href = ingestRunHref(await startIngest(ctx, String(form.get("evidenceId") ?? "")));
  } catch (e) {
    return failure(e);
  }
  redirect(href);
}
