// Blobs in an S3-compatible object store (AWS S3, MinIO, Ceph, R2...):
//   tmp/<uuid>        content being received (or left by a crash)
//   sha256/<sha256>   committed content
// S3 has no rename, so commit is CopyObject (server-side, no bytes through us) then DeleteObject.
// An object only becomes visible once its upload has completed, and a successful PUT or copy is
// durable, so readers never see partial content.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AppError } from "@/lib/errors";
import type { BlobStore, ByteRange, StagedBlob, StageOptions } from "@/lib/storage/blob-store";
import { assertByteRange, rangeNotSatisfiable } from "@/lib/storage/byte-range";
import { assertSha256 } from "@/lib/storage/content-address";
import { createMeter, emptyBody } from "@/lib/storage/metered-body";
import { isS3NotFound, s3ErrorName } from "@/lib/storage/s3-errors";

export type S3BlobStoreOptions = {
  bucket: string;
  region?: string;
  /** For S3-compatible servers, e.g. http://127.0.0.1:9000; omit for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Omit to use the SDK's default chain (AWS_* variables, instance or task role...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Multipart part size; memory per upload is about partSizeBytes x queueSize. */
  partSizeBytes?: number;
  queueSize?: number;
};

const TMP_PREFIX = "tmp/";
const BLOB_PREFIX = "sha256/";
const MIB = 1024 * 1024;
const MIN_PART_BYTES = 5 * MIB; // S3's minimum for every part but the last
const MAX_PARTS = 10_000; // S3's maximum parts per upload
export const MAX_COPY_BYTES = 5 * 1024 * MIB; // S3's limit for a single CopyObject

export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly partSizeBytes: number;
  private readonly queueSize: number;

  constructor(opts: S3BlobStoreOptions) {
    this.bucket = opts.bucket;
    this.client = new S3Client({
      region: opts.region ?? "us-east-1",
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle ?? true,
      credentials: opts.credentials,
    });
    this.partSizeBytes = Math.max(MIN_PART_BYTES, opts.partSizeBytes ?? MIN_PART_BYTES);
    this.queueSize = opts.queueSize ?? 4;
  }

  blobKey(sha256: string): string {
    return `${BLOB_PREFIX}${assertSha256(sha256)}`;
  }

  async stage(body: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob> {
    const tmpKey = `${TMP_PREFIX}${randomUUID()}`;
    const meter = createMeter(opts.maxBytes, opts.onChunk);
    // Remember why the body failed (too large, client gone): when Upload then fails to abort its
    // multipart upload it reports that secondary error instead, hiding the cause.
    let bodyError: unknown;
    async function* observed() {
      try {
        yield* meter.through(body);
      } catch (e) {
        bodyError = e;
        throw e;
      }
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmpKey, Body: Readable.from(observed()) },
      // Large enough that the biggest allowed body fits in S3's 10,000 parts.
      partSize: Math.max(this.partSizeBytes, Math.ceil(opts.maxBytes / MAX_PARTS)),
      queueSize: this.queueSize,
      leavePartsOnError: false, // abort the multipart upload on failure: no orphaned parts
    });
    try {
      await upload.done();
    } catch (e) {
      throw bodyError ?? e;
    }
    if (meter.sizeBytes() === 0) {
      await this.deleteKey(tmpKey);
      throw emptyBody();
    }
    const sha256 = meter.sha256();
    const sizeBytes = meter.sizeBytes();
    return {
      sha256,
      sizeBytes,
      commit: () => this.commit(tmpKey, sha256, sizeBytes),
      discard: () => this.deleteKey(tmpKey),
    };
  }

  private async commit(tmpKey: string, sha256: string, sizeBytes: number): Promise<void> {
    if (!(await this.exists(sha256))) {
      if (sizeBytes > MAX_COPY_BYTES) {
        throw new Error(`S3 cannot copy more than 5 GiB in one request (got ${sizeBytes} bytes)`);
      }
      // Two racing commits of the same content may both copy; the result is the same one object.
      await this.client.send(
        new CopyObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256), CopySource: `${this.bucket}/${tmpKey}` }),
      );
    }
    await this.deleteKey(tmpKey);
  }

  async open(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const key = this.blobKey(sha256);
    if (range) assertByteRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // In Node the SDK's body is an http.IncomingMessage, i.e. a Readable.
      return res.Body as Readable;
    } catch (e) {
      if (isS3NotFound(e)) throw new AppError("NOT_FOUND", "Evidence content not found");
      if (s3ErrorName(e) === "InvalidRange") throw rangeNotSatisfiable();
      throw e;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }));
      return true;
    } catch (e) {
      if (isS3NotFound(e)) return false;
      throw e;
    }
  }

  async *list(): AsyncIterable<string> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: BLOB_PREFIX })) {
      for (const o of page.Contents ?? []) {
        const sha256 = o.Key?.slice(BLOB_PREFIX.length) ?? "";
        if (/^[0-9a-f]{64}$/.test(sha256)) yield sha256;
      }
    }
  }

  async sweepStale(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    // Staged but never committed or discarded (the process died between stage and commit).
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: TMP_PREFIX })) {
      for (const o of page.Contents ?? []) {
        if (o.Key && o.LastModified && o.LastModified.getTime() < cutoff) {
          await this.deleteKey(o.Key);
          removed++;
        }
      }
    }
    removed += await this.abortStaleMultipartUploads(cutoff);
    return removed;
  }

  // A crash mid-upload leaves an unfinished multipart upload: invisible in listings but stored
  // (and billed). Initiated is the upload's start, so the threshold must exceed the longest upload.
  private async abortStaleMultipartUploads(cutoff: number): Promise<number> {
    let aborted = 0;
    try {
      let marker: { KeyMarker?: string; UploadIdMarker?: string } = {};
      for (;;) {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: TMP_PREFIX, ...marker }),
        );
        for (const u of page.Uploads ?? []) {
          if (u.Key && u.UploadId && u.Initiated && u.Initiated.getTime() < cutoff) {
            await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
            aborted++;
          }
        }
        if (!page.IsTruncated) break;
        marker = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
      }
    } catch (e) {
      // Some S3-compatible servers (s3rver among them) do not list multipart uploads; a bucket
      // lifecycle rule (AbortIncompleteMultipartUpload) covers them there.
      if (s3ErrorName(e) !== "NotImplemented") throw e;
    }
    return aborted;
  }

  /** DeleteObject succeeds whether or not the key exists, which keeps discard() idempotent. */
  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
