import { json, publicRoute } from "@/lib/api/api-handler";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = publicRoute(async () => json(openApiDocument()));
