import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getDashboard } from "@/lib/dashboard/get-dashboard";

export const GET = apiRoute(async (req, ctx) => json(await getDashboard(ctx.actor, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
