import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createCase } from "@/lib/cases/create-case";
import { listCases } from "@/lib/cases/list-cases";
import { exportCasesCsv } from "@/lib/list-exports/export-cases";
import { wantsCsv } from "@/lib/list-exports/list-format";

/** A page of JSON, or with format=csv every matching case as a streamed CSV (audited). */
export const GET = apiRoute(async (req, ctx) => {
  const query = searchParamsObject(req);
  return wantsCsv(query) ? exportCasesCsv(ctx, query) : json(await listCases(ctx.actor, query));
});

export const POST = apiRoute(async (req, ctx) => json(await createCase(ctx, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
