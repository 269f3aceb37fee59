"use server";
// Server actions of the evidence page. Each calls one lib function; on success it redirects to the
// plain evidence page rather than refreshing the current URL: with a preview open (?preview=1) a
// refresh would read the content again and record a VIEW nobody asked for.
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";

const evidenceId = (form: FormData) => String(form.get("evidenceId") ?? "");

function backToEvidence(id: string, toast?: string) {
  return redirectTo(`/evidence/${encodeURIComponent(id)}${toast ? `?toast=${encodeURIComponent(toast)}` : ""}`);
}

export const verifyEvidenceAction = defineFormAction<ActionState>(async (ctx, form) => {
  const { ok, expected, observed } = await verifyEvidence(ctx, evidenceId(form));
  // A failure of the content needs no toast: the page shows its integrity warning. Intact content
  // whose recorded CRC-32 was wrong (now corrected) shows none, so it is said here and in custody.
  const toast = ok
    ? "Verified: the stored content matches its SHA-256"
    : observed === expected
      ? "The content matches its SHA-256, but its recorded CRC-32 was wrong and has been corrected (see the chain of custody)"
      : undefined;
  return backToEvidence(evidenceId(form), toast);
});

export const editEvidenceAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await editEvidenceMetadata(ctx, evidenceId(form), pickFields(form, ["kind", "title", "description", "source", "collectedAt", "version"]));
    return backToEvidence(evidenceId(form), "Evidence details saved");
  },
  { echo: true },
);

export const removeEvidenceAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await removeEvidence(ctx, evidenceId(form), pickFields(form, ["reason"]));
    return backToEvidence(evidenceId(form), "Evidence removed; its hash and custody history remain");
  },
  { echo: true },
);
