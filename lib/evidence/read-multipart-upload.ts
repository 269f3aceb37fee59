// Reads a multipart/form-data evidence upload as a stream: the file part goes straight to staging
// (memory stays flat whatever the size), the other parts are collected as metadata fields.
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { stageEvidenceFile, type StagedEvidenceFile } from "@/lib/evidence/stage-evidence-file";

export type MultipartUpload = { fields: Record<string, string>; file: StagedEvidenceFile | null };

export async function readMultipartUpload(req: Request): Promise<MultipartUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload evidence as multipart/form-data with the file in the field 'file'");
  }
  if (!req.body) throw new AppError("INVALID_INPUT", "The request has no body", { fieldErrors: { file: ["is required"] } });
  const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 20, fieldSize: 64 * 1024 } });
  const fields: Record<string, string> = {};
  let staging: Promise<StagedEvidenceFile> | null = null;

  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || staging) {
        stream.resume(); // only one file, in the field "file"
        return;
      }
      staging = stageEvidenceFile(stream, { filename: info.filename ?? "", mimeType: info.mimeType });
      // A refused file (too large, empty) answers at once; the rest of the body is read and
      // dropped, so the client's connection stays usable.
      staging.catch((e: unknown) => {
        source.unpipe(parser);
        source.resume();
        reject(e);
      });
    });
    parser.on("error", (e) => reject(new AppError("INVALID_INPUT", `Malformed multipart body: ${(e as Error).message}`)));
    parser.on("close", () => resolve());
    // The client went away mid-body (a cancelled upload, a dropped connection): end the parser,
    // which ends the file stream with an error, so staging removes its temporary.
    source.on("error", () => {
      const aborted = new AppError("INVALID_INPUT", "The upload was interrupted before it finished", { fieldErrors: { file: ["is incomplete"] } });
      parser.destroy(aborted);
      reject(aborted);
    });
  });
  source.pipe(parser);
  await done;
  const file = staging ? await staging : null;
  return { fields, file };
}
