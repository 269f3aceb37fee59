import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getIngestRun } from "@/lib/ingest/get-ingest-run";
import { ZIngestRunQuery } from "@/lib/ingest/ingest-schemas";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const q = parseInput(ZIngestRunQuery, searchParamsObject(req));
  return json(await getIngestRun(ctx.actor, id, { page: q.errorsPage, pageSize: q.errorsPageSize }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
