import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { evidenceResponseHeaders } from "@/lib/evidence/content-headers";
import { openEvidenceContent } from "@/lib/evidence/open-evidence-content";

// ?view=1 previews safe types inline; everything else (and the default) is a download.
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const view = new URL(req.url).searchParams.get("view") === "1";
  const content = await openEvidenceContent(ctx, id, view ? "view" : "download");
  const body = Readable.toWeb(content.stream as Readable) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: evidenceResponseHeaders(content) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
