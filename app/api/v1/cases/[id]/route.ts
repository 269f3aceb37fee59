import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { assignCase } from "@/lib/cases/assign-case";
import { getCase } from "@/lib/cases/get-case";
import { updateCase } from "@/lib/cases/update-case";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getCase(ctx.actor, id)));

export const PATCH = apiRoute<Params>(async (req, ctx, { id }) => {
  const body = await readJson(req);
  const { leadId, memberIds, ...fields } = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (leadId !== undefined || memberIds !== undefined) await assignCase(ctx, id, { leadId, memberIds });
  return json(Object.keys(fields).length ? await updateCase(ctx, id, fields) : await getCase(ctx.actor, id));
});
