import { apiRoute, json } from "@/lib/api/api-handler";
import { getCaseSightings } from "@/lib/accounts/sightings";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getCaseSightings(ctx.actor, id)));
