import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { transitionCase } from "@/lib/cases/transition-case";

export const POST = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await transitionCase(ctx, id, await readJson(req))));
