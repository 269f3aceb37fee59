import { json, publicRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = publicRoute(async () => json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
