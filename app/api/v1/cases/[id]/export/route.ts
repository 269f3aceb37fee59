import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { exportCaseFile } from "@/lib/export/export-case-file";

// The signed case file (ZIP), streamed as it is written (lib/export, decision 0024).
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const file = await exportCaseFile(ctx, id);
  file.stream.on("error", (e) => console.error(`[${ctx.requestId}] case file export of ${id} failed mid-stream: ${e.message}`));
  const asciiName = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${asciiName}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
