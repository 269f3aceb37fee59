"use server";
// Server actions of the evidence page. Each checks the session, calls one lib function and
// refreshes the page; expected errors come back as form state.
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";

const evidenceId = (form: FormData) => String(form.get("evidenceId") ?? "");

export async function verifyEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const result = await verifyEvidence(ctx, evidenceId(form));
    refresh();
    return result.ok
      ? { ok: true, message: "Verified: the stored content matches its SHA-256" }
      : { ok: false, message: `Integrity check failed: ${result.reason}` };
  } catch (e) {
    return failure(e);
  }
}

export async function editEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  const fields = pickFields(form, ["title", "description", "source", "collectedAt"]);
  try {
    await editEvidenceMetadata(ctx, evidenceId(form), fields);
    refresh();
    return { ok: true, message: "Evidence details saved" };
  } catch (e) {
    return failure(e, formValues(form));
  }
}

export async function removeEvidenceAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await removeEvidence(ctx, evidenceId(form), pickFields(form, ["reason"]));
    refresh();
    return { ok: true, message: "Evidence removed; its hash and custody history remain" };
  } catch (e) {
    return failure(e, formValues(form));
  }
}
