// GET /api/v1/cases/{id}/export: the signed case file (lib/export, decision 0024). A Pages Router
// API route, like the evidence upload: the ZIP goes from the export's Node stream straight to the
// socket (nodeStreamResponse), not through Next's web streams, whose cost per chunk made the export
// CPU-bound. The wrapper, auth and error shape are the App Router routes'.
import { nodeApiRoute, nodeStreamResponse } from "@/lib/api/api-handler";
import { exportCaseFile } from "@/lib/export/export-case-file";

type Params = { id: string };

export const config = { api: { bodyParser: false, responseLimit: false } };

export default nodeApiRoute<Params>({
  GET: async (_req, ctx, { id }) => {
    const file = await exportCaseFile(ctx, id);
    const asciiName = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return nodeStreamResponse({ chunks: file.chunks, release: file.release, pool: file.pool }, {
      status: 200,
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${asciiName}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
