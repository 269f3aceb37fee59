// An S3-compatible server for tests: s3rver, in this process, on loopback, with a free port and a
// throwaway directory. It speaks enough of the S3 API (multipart upload, CopyObject, ranged GET,
// ListObjectsV2) for the storage suite to run unchanged against the code used with real S3.
// Known gaps: no AbortMultipartUpload / ListMultipartUploads / UploadPartCopy, and
// `Range: bytes=0-0` returns the whole object (it treats end 0 as "no end").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type TestS3Server = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Makes an object look older by moving its LastModified (s3rver reads it from the file's
   *  mtime); lets tests check age-based sweeping without sleeping. */
  backdate(key: string, ageMs: number): void;
  stop(): Promise<void>;
};

export async function startS3Server(bucket = "lantern-test"): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0, // the OS picks a free port; run() reports it
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver's built-in account; it checks signatures made with these.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    backdate(key, ageMs) {
      const parts = key.split("/");
      const file = path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(file, when, when);
    },
    async stop() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
