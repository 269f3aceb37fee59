// Reads a multipart/form-data evidence upload as a stream: the file part goes straight to staging
// (memory stays flat whatever the size), the other parts are collected as metadata fields.
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
  const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 20, fieldSize: 64 * 1024 } });
  const fields: Record<string, string> = {};
  let staging: Promise<StagedEvidenceFile> | null = null;
  let discard = false; // refused or malformed: read the rest of the body, parse no more

  const parsed = new Promise<void>((resolve, reject) => {
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
      // dropped (see below), so the client's connection stays usable.
      staging.catch((e: unknown) => {
        discard = true;
        reject(e);
      });
    });
    parser.on("error", (e) => {
      discard = true;
      reject(new AppError("INVALID_INPUT", `Malformed multipart body: ${(e as Error).message}`));
    });
    parser.on("close", () => resolve());
  });
  parsed.catch(() => {}); // awaited below; a refusal may come while the body is still being read

  // The body is fed to the parser by hand rather than through Readable.fromWeb: one promise per
  // chunk instead of several (see hashing-file-writer.ts on why promises per chunk matter).
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (discard) continue;
      if (!parser.write(value) && !discard) await drained(parser);
    }
  } catch {
    // The client went away mid-body (a cancelled upload, a dropped connection): end the parser,
    // which ends the file stream with an error, so staging removes its temporary.
    const aborted = new AppError("INVALID_INPUT", "The upload was interrupted before it finished", { fieldErrors: { file: ["is incomplete"] } });
    parser.destroy(aborted);
    if (staging) await Promise.allSettled([staging]);
    throw aborted;
  }
  if (!discard) parser.end();
  await parsed;
  const file = staging ? await staging : null;
  return { fields, file };
}

/** Resolves once the parser wants more, or has failed or closed (then `parsed` tells why). */
function drained(parser: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("error", done);
      parser.off("close", done);
      resolve();
    };
    parser.on("drain", done);
    parser.on("error", done);
    parser.on("close", done);
  });
}
