// Reads a multipart/form-data evidence upload as a stream: the file part goes straight to staging
// (memory stays flat whatever the size), the other parts are collected as metadata fields.
import type { Readable } from "node:stream";
import { AppError, isAppError } from "@/lib/errors";
import { MultipartFormParser, multipartBoundary } from "@/lib/http/multipart-form-parser";
import { stageEvidenceFile, type StagedEvidenceFile } from "@/lib/evidence/stage-evidence-file";

export type MultipartUpload = { fields: Record<string, string>; file: StagedEvidenceFile | null };

export async function readMultipartUpload(contentType: string | null, body: Readable): Promise<MultipartUpload> {
  if (!(contentType ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload evidence as multipart/form-data with the file in the field 'file'");
  }
  const boundary = multipartBoundary(contentType!);
  if (!boundary) throw new AppError("INVALID_INPUT", "Malformed multipart body: the Content-Type names no boundary");
  const fields: Record<string, string> = {};
  let staging: Promise<StagedEvidenceFile> | null = null;
  let fileParts = 0;
  let parser!: MultipartFormParser;

  const done = new Promise<void>((resolve, reject) => {
    parser = new MultipartFormParser(
      boundary,
      {
        field: (name, value) => {
          fields[name] = value;
        },
        file: (name, stream, info) => {
          // One file per upload: a second file part refuses the body (the parser is told to pass
          // up to two, so the second reaches us), rather than being dropped unseen.
          if (++fileParts > 1) throw secondFile();
          if (name !== "file") {
            stream.resume(); // a file in another field: read and dropped; no file is then a 400
            return;
          }
          staging = stageEvidenceFile(stream, info);
          // A refused file (too large, empty) answers at once; the rest of the body is read and
          // dropped, so the client's connection stays usable.
          staging.catch((e: unknown) => {
            body.unpipe(parser);
            body.resume();
            reject(e);
          });
        },
      },
      { files: 2, fields: 20, fieldBytes: 64 * 1024, headerBytes: 16 * 1024 },
    );
    parser.on("error", (e) => {
      // Read the rest of the body and drop it, so the connection does not stall on it.
      body.unpipe(parser);
      body.resume();
      reject(isAppError(e) ? e : new AppError("INVALID_INPUT", `Malformed multipart body: ${(e as Error).message}`));
    });
    parser.on("finish", () => resolve());
    // The client went away mid-body (a cancelled upload, a dropped connection): end the parser,
    // which ends the file stream with an error, so staging removes its temporary. A Node request
    // cut off mid-body is destroyed ("aborted", ECONNRESET) and closes without ending.
    const interrupted = () => {
      const aborted = new AppError("INVALID_INPUT", "The upload was interrupted before it finished", { fieldErrors: { file: ["is incomplete"] } });
      parser.destroy(aborted);
      reject(aborted);
    };
    body.on("error", interrupted);
    body.on("close", () => {
      if (!body.readableEnded) interrupted();
    });
  });
  // pipe() passes each chunk by callback: no promise per chunk (see hashing-file-writer.ts).
  body.pipe(parser);
  try {
    await done;
  } catch (e) {
    // The file may have been staged completely before the body failed (cut off or malformed
    // after the file part): its temporary must go too, before we answer.
    const pending = staging as Promise<StagedEvidenceFile> | null; // assigned in a callback above
    if (pending) {
      const [staged] = await Promise.allSettled([pending]);
      if (staged.status === "fulfilled") await staged.value.blob.discard();
    }
    throw e;
  }
  const file = staging ? await staging : null;
  return { fields, file };
}

const secondFile = () =>
  new AppError("INVALID_INPUT", "Send one file per upload: this body has a second file part", { fieldErrors: { file: ["only one file per upload"] } });
