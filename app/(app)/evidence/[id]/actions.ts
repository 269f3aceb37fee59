"use server";
// Server actions of the evidence page. Each checks the session and calls one lib function; on
// success it redirects to the plain evidence page rather than refreshing the current URL: with a
// preview open (?preview=1) a refresh would read the content again and record a VIEW nobody asked for.
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";

const evidenceId = (form: FormData) => String(form.get("evidenceId") ?? "");

function backToEvidence(id: string, toast?: string): never {
  redirect(`/evidence/${encodeURIComponent(id)}${toast ? `?toast=${encodeURIComponent(toast)}` : ""}`);
}

export async function verifyEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  let ok: boolean;
  try {
    ok = (await verifyEvidence(ctx, evidenceId(form))).ok;
  } catch (e) {
    return failure(e);
  }
  // A failure needs no toast: the page shows its integrity warning.
  backToEvidence(evidenceId(form), ok ? "Verified: the stored content matches its SHA-256" : undefined);
}

export async function editEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await editEvidenceMetadata(ctx, evidenceId(form), pickFields(form, ["kind", "title", "description", "source", "collectedAt", "version"]));
  } catch (e) {
    return failure(e, formValues(form));
  }
  backToEvidence(evidenceId(form), "Evidence details saved");
}

export async function removeEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await removeEvidence(ctx, evidenceId(form), pickFields(form, ["reason"]));
  } catch (e) {
    return failure(e, formValues(form));
  }
  backToEvidence(evidenceId(form), "Evidence removed; its hash and custody history remain");
}
