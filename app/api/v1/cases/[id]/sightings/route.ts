import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getCaseSightings } from "@/lib/accounts/sightings";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getCaseSightings(ctx.actor, id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
