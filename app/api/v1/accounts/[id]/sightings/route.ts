import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getAccountSightings } from "@/lib/accounts/sightings";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getAccountSightings(ctx.actor, id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
