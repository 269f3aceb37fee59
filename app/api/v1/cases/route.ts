import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createCase } from "@/lib/cases/create-case";
import { listCases } from "@/lib/cases/list-cases";

export const GET = apiRoute(async (req, ctx) => json(await listCases(ctx.actor, searchParamsObject(req))));

export const POST = apiRoute(async (req, ctx) => json(await createCase(ctx, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
