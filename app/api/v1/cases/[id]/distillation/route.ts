import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getCaseDistillation } from "@/lib/distillation/get-case-distillation";

type Params = { id: string };

/** Indicators, scores, flags and clusters over the case's completed ingest runs (decision 0016). */
export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getCaseDistillation(ctx.actor, id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
