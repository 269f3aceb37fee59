// GET and POST /api/v1/cases/{id}/evidence. A Pages Router API route, unlike the rest of /api/v1:
// it is handed the Node request, so an upload streams from the socket to storage without Next
// first copying every chunk into a web stream (decision 0008). The wrapper, auth and error shape
// are the same as the App Router routes'.
import { nodeApiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { listEvidence } from "@/lib/evidence/get-evidence";
import { readMultipartUpload } from "@/lib/evidence/read-multipart-upload";
import { listSameContent } from "@/lib/evidence/same-content";
import { authorizeEvidenceUpload, uploadEvidence } from "@/lib/evidence/upload-evidence";

type Params = { id: string };

export const config = { api: { bodyParser: false } };

export default nodeApiRoute<Params>({
  GET: async (req, ctx, { id }) => json(await listEvidence(ctx.actor, id, searchParamsObject(req))),
  POST: async (req, ctx, { id }, body) => {
    await authorizeEvidenceUpload(ctx, id);
    const { fields, file } = await readMultipartUpload(req.headers.get("content-type"), body);
    const { supersedesId, ...metadata } = fields;
    const evidence = await uploadEvidence(ctx, id, file, metadata, { supersedesId: supersedesId || undefined });
    // Say when the same bytes are already evidence on a case this user can see.
    return json({ ...evidence, sameContent: await listSameContent(ctx.actor, evidence) }, 201);
  },
});
