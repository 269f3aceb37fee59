import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { removeEvidence } from "@/lib/evidence/remove-evidence";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getEvidence(ctx.actor, id)));

/** Tombstone (ADMIN only): {"reason": "..."}. */
export const DELETE = apiRoute<Params>(async (req, ctx, { id }) => {
  await removeEvidence(ctx, id, await readJson(req));
  return json(await getEvidence(ctx.actor, id));
});
