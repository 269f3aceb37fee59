import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { removeEvidence } from "@/lib/evidence/remove-evidence";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getEvidence(ctx.actor, id)));

/** Metadata edits (title, description, source, collectedAt); content never changes. */
export const PATCH = apiRoute<Params>(async (req, ctx, { id }) => json(await editEvidenceMetadata(ctx, id, await readJson(req))));

/** Tombstone (ADMIN only): {"reason": "..."}. */
export const DELETE = apiRoute<Params>(async (req, ctx, { id }) => {
  await removeEvidence(ctx, id, await readJson(req));
  return json(await getEvidence(ctx.actor, id));
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
