import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { verifyUploadedCaseFile } from "@/lib/export/verify-uploaded-case-file";

// The body is the case file itself (application/zip); the answer names every missing, extra or
// altered file and whether the manifest's signature is this instance's (decision 0024).
export const POST = apiRoute(async (req, ctx) => {
  const length = req.headers.get("content-length");
  return json(await verifyUploadedCaseFile(ctx.actor, req.body, length === null ? null : Number(length)));
});

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
