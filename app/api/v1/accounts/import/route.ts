// POST /api/v1/accounts/import: multipart with the file in `file`; ?dryRun=true changes nothing.
// With `Accept: application/x-ndjson` the answer streams progress lines, then the result.
import { apiRoute, errorResponse, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { importAccounts, type ImportFile } from "@/lib/accounts/import-accounts";
import { ZImportQuery } from "@/lib/accounts/account-schemas";
import { assertAccountWrite } from "@/lib/accounts/account-access";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export const POST = apiRoute(async (req, ctx) => {
  assertAccountWrite(ctx.actor);
  const { dryRun } = parseInput(ZImportQuery, searchParamsObject(req));
  const file = await readImportFile(req);
  if (!/application\/x-ndjson/i.test(req.headers.get("accept") ?? "")) {
    return json(await importAccounts(ctx, file, { dryRun }));
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (v: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(v)}\n`));
      try {
        const result = await importAccounts(ctx, file, { dryRun, onProgress: (p) => send({ type: "progress", ...p }) });
        send({ type: "result", ...result });
      } catch (e) {
        const body = (await errorResponse(e, ctx.requestId).json()) as { error: unknown };
        send({ type: "error", error: body.error });
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
});

async function readImportFile(req: Request): Promise<ImportFile> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data in the field 'file'");
  if (Number(req.headers.get("content-length") ?? "0") > MAX_IMPORT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Import files are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
  }
  const form = await req.formData().catch(() => {
    throw new AppError("INVALID_INPUT", "The body is not valid multipart/form-data", { fieldErrors: { file: ["malformed body"] } });
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("INVALID_INPUT", "Attach the file in the multipart field 'file'", { fieldErrors: { file: ["is required"] } });
  if (file.size > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `Import files are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
  return { text: await file.text(), filename: file.name, mediaType: file.type };
}

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
