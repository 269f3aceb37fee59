// The multipart reader on real request bodies: fields and the file arrive, and a body that breaks
// off mid-file (a cancelled upload) is an expected error that leaves no temporary behind.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { readMultipartUpload } from "@/lib/evidence/read-multipart-upload";
import { expectAppError } from "@/test/support/expect-app-error";

const BOUNDARY = "----lantern-test-boundary";

function head(fields: Record<string, string>, filename: string): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`);
  return Buffer.from(parts.join(""));
}

const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

function request(body: ReadableStream<Uint8Array>): Request {
  return new Request("http://lantern.test/api/v1/cases/x/evidence", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

const tmpEntries = () => {
  const dir = path.join(env().evidenceDir, "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("readMultipartUpload", () => {
  it("stages the file and collects the fields", async () => {
    const content = Buffer.from("line one\nline two\n");
    const body = new Blob([new Uint8Array(Buffer.concat([head({ kind: "DOCUMENT", title: "Memo" }, "memo.txt"), content, tail]))]).stream();
    const { fields, file } = await readMultipartUpload(request(body));
    expect(fields).toEqual({ kind: "DOCUMENT", title: "Memo" });
    expect(file).toMatchObject({ originalFilename: "memo.txt", sniffedMediaType: "text/plain", blob: { sizeBytes: content.length } });
    await file!.blob.discard();
  });

  it("answers a body that breaks off mid-file with an error and removes the temporary", async () => {
    const before = tmpEntries().length;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    controller.enqueue(head({ kind: "DOCUMENT", title: "Cut off" }, "cut.txt"));
    controller.enqueue(Buffer.alloc(256 * 1024, 0x61));
    const reading = readMultipartUpload(request(body));
    // The connection drops once the file part is being written to its temporary.
    await expect.poll(() => tmpEntries().length).toBe(before + 1);
    controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    const e = await expectAppError(reading);
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("interrupted");
    await expect.poll(() => tmpEntries().length).toBe(before);
  });
});
