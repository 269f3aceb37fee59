import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { generateDistillationReport } from "@/lib/distillation-report/generate-distillation-report";

type Params = { id: string };

/** The body is optional ({"title": "..."}); without a content type it is taken as empty. */
export const POST = apiRoute<Params>(async (req, ctx, { id }) =>
  json(await generateDistillationReport(ctx, id, req.headers.has("content-type") ? await readJson(req) : {}), 201),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
