import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { startIngest } from "@/lib/ingest/start-ingest";

export const POST = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await startIngest(ctx, id), 202));

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
