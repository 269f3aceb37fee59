import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { listEvidence } from "@/lib/evidence/get-evidence";
import { readMultipartUpload } from "@/lib/evidence/read-multipart-upload";
import { authorizeEvidenceUpload, uploadEvidence } from "@/lib/evidence/upload-evidence";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, ctx, { id }) => json(await listEvidence(ctx.actor, id, searchParamsObject(req))));

export const POST = apiRoute<Params>(async (req, ctx, { id }) => {
  await authorizeEvidenceUpload(ctx, id);
  const { fields, file } = await readMultipartUpload(req);
  const { supersedesId, ...metadata } = fields;
  return json(await uploadEvidence(ctx, id, file, metadata, { supersedesId: supersedesId || undefined }), 201);
});
