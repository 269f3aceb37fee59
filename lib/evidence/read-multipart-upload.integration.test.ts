// The multipart reader on real request bodies: fields and the file arrive, and a body that breaks
// off mid-file (a cancelled upload, on a real HTTP connection) is an expected error that leaves no
// temporary behind.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
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

const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

const tmpEntries = () => {
  const dir = path.join(env().evidenceDir, "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("readMultipartUpload", () => {
  it("stages the file and collects the fields", async () => {
    const content = Buffer.from("line one\nline two\n");
    const body = Readable.from([head({ kind: "DOCUMENT", title: "Memo" }, "memo.txt"), content, tail]);
    const { fields, file } = await readMultipartUpload(CONTENT_TYPE, body);
    expect(fields).toEqual({ kind: "DOCUMENT", title: "Memo" });
    expect(file).toMatchObject({ originalFilename: "memo.txt", sniffedMediaType: "text/plain", blob: { sizeBytes: content.length } });
    await file!.blob.discard();
  });

  it("removes the staged file when the body fails after the file part", async () => {
    const before = tmpEntries().length;
    const file = Buffer.concat([head({ kind: "DOCUMENT" }, "first.txt"), Buffer.from("complete file\n"), Buffer.from(`\r\n`)]);
    const oversized = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${"t".repeat(64 * 1024 + 1)}\r\n--${BOUNDARY}--\r\n`);
    const unclosed = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nno closing delimiter`);
    for (const after of [oversized, unclosed]) {
      const e = await expectAppError(readMultipartUpload(CONTENT_TYPE, Readable.from([file, after])));
      expect(e.code).toBe("INVALID_INPUT");
      expect(tmpEntries().length).toBe(before);
    }
  });

  it("refuses a body with a second file part (400 naming the field) and keeps neither file", async () => {
    const before = tmpEntries().length;
    const blobs = () => (fs.existsSync(path.join(env().evidenceDir, "sha256")) ? fs.readdirSync(path.join(env().evidenceDir, "sha256"), { recursive: true }).length : 0);
    const blobsBefore = blobs();
    const second = Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="second.txt"\r\nContent-Type: text/plain\r\n\r\nthe second file`);
    const body = Readable.from([head({ kind: "DOCUMENT", title: "Two files" }, "first.txt"), Buffer.from("the first file"), second, tail]);
    const e = await expectAppError(readMultipartUpload(CONTENT_TYPE, body));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/second file part/);
    expect(e.details).toEqual({ fieldErrors: { file: ["only one file per upload"] } });
    expect(tmpEntries().length).toBe(before);
    expect(blobs()).toBe(blobsBefore);
  });

  it("refuses a second file part in another field too", async () => {
    const other = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"; filename="x.txt"\r\n\r\nextra\r\n`);
    const body = Readable.from([other, head({ kind: "DOCUMENT", title: "Two files" }, "first.txt"), Buffer.from("the file"), tail]);
    expect((await expectAppError(readMultipartUpload(CONTENT_TYPE, body))).message).toMatch(/second file part/);
  });

  it("refuses a body that is not multipart", async () => {
    const e = await expectAppError(readMultipartUpload("application/json", Readable.from([Buffer.from("{}")])));
    expect(e.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  describe("on a real connection", () => {
    let received: Promise<unknown> = Promise.resolve();
    const server = http.createServer((req) => {
      received = readMultipartUpload(req.headers["content-type"] ?? null, req).catch((e: unknown) => e);
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("answers a body that breaks off mid-file with an error and removes the temporary", async () => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const before = tmpEntries().length;
      const client = http.request({
        port: (server.address() as AddressInfo).port,
        host: "127.0.0.1",
        method: "POST",
        path: "/",
        headers: { "content-type": CONTENT_TYPE, "content-length": String(64 * 1024 * 1024) },
      });
      client.on("error", () => {}); // we cut it off ourselves
      client.write(head({ kind: "DOCUMENT", title: "Cut off" }, "cut.txt"));
      client.write(Buffer.alloc(256 * 1024, 0x61));
      // The connection drops once the file part is being written to its temporary.
      await expect.poll(() => tmpEntries().length).toBe(before + 1);
      client.destroy();
      await expect.poll(async () => (await received) !== undefined).toBe(true);
      const e = (await received) as { code?: string; message?: string };
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.message).toContain("interrupted");
      await expect.poll(() => tmpEntries().length).toBe(before);
    });
  });
});
