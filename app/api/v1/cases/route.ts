import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { createCase } from "@/lib/cases/create-case";
import { listCases } from "@/lib/cases/list-cases";

export const GET = apiRoute(async (req, ctx) => json(await listCases(ctx.actor, searchParamsObject(req))));

export const POST = apiRoute(async (req, ctx) => json(await createCase(ctx, await readJson(req)), 201));
