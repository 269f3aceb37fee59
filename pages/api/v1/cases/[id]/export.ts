// GET /api/v1/cases/{id}/export: the signed case file (lib/export, decision 0024). A Pages Router
// API route, like the evidence upload: the ZIP goes from the export's Node stream straight to the
// socket (nodeStreamResponse), not through Next's web streams, whose cost per chunk made the export
// CPU-bound. The wrapper, auth and error shape are the App Router routes'.
import { nodeApiRoute, nodeStreamResponse } from "@/lib/api/api-handler";
import { caseFileHead, exportCaseFile } from "@/lib/export/export-case-file";

type Params = { id: string };

export const config = { api: { bodyParser: false, responseLimit: false } };

const headersFor = (filename: string) => ({
  "content-type": "application/zip",
  "content-disposition": `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_")}"`,
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
});

export default nodeApiRoute<Params>({
  GET: async (req, ctx, { id }) => {
    // HEAD: the same answer without a body, and without making (and recording) an export.
    if (req.method === "HEAD") return new Response(null, { status: 200, headers: headersFor((await caseFileHead(ctx, id)).filename) });
    const file = await exportCaseFile(ctx, id);
    return nodeStreamResponse({ chunks: file.chunks, release: file.release, pool: file.pool }, { status: 200, headers: headersFor(file.filename) });
  },
});
