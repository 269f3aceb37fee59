// Blobs in an S3-compatible object store (AWS S3, MinIO, Ceph, R2...):
//   tmp/<owner>.<uuid>                  content being received (or left by a crash)
//   sha256/<sha256>                     committed content
//   claims/<sha256>/<owner>.<uuid>      an upload committing that content (until its row is written)
//   gc/<sha256>/<uuid>                  the garbage collector deleting that content
//   leases/<owner>                      rewritten every minute while <owner> has uploads running
// <owner> names the process (upload-owner.ts); claims and gc marks keep the collector and uploads
// apart (blob-collection.ts).
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
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { crc32 } from "@node-rs/crc32";
import { AppError } from "@/lib/errors";
import {
  CLAIM_STALE_MS,
  MARK_HOLD_MAX_MS,
  MARK_STALE_MS,
  MARK_WAIT_MAX_MS,
  waitWhile,
  type CollectOptions,
  type CollectOutcome,
} from "@/lib/storage/blob-collection";
import type { BlobStore, ByteRange, StagedBlob, StageOptions } from "@/lib/storage/blob-store";
import { assertByteRange, rangeNotSatisfiable } from "@/lib/storage/byte-range";
import { assertSha256 } from "@/lib/storage/content-address";
import { createMeter, emptyBody } from "@/lib/storage/metered-body";
import { isS3NotFound, s3ErrorName } from "@/lib/storage/s3-errors";
import { LEASE_PREFIX, lastSignOfLife, leaseTimes, UploadLease } from "@/lib/storage/upload-lease";
import { isOwnerGone, ownedName, ownerTagOf, uploadOwnerTag } from "@/lib/storage/upload-owner";

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
const CLAIM_PREFIX = "claims/";
const GC_PREFIX = "gc/";
const MIB = 1024 * 1024;
const MIN_PART_BYTES = 5 * MIB; // S3's minimum for every part but the last
const MAX_PARTS = 10_000; // S3's maximum parts per upload
export const MAX_COPY_BYTES = 5 * 1024 * MIB; // S3's limit for a single CopyObject

export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly partSizeBytes: number;
  private readonly queueSize: number;
  private readonly lease = new UploadLease(async () => {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: `${LEASE_PREFIX}${uploadOwnerTag()}`, Body: "" }));
  });

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
    const tmpKey = `${TMP_PREFIX}${ownedName(randomUUID())}`;
    const meter = createMeter(opts.maxBytes, crc32, opts.onChunk);
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
    // The lease tells other instances' sweeps that this multipart upload, dated by its start, is alive.
    const release = await this.lease.hold();
    try {
      await upload.done();
    } catch (e) {
      throw bodyError ?? e;
    } finally {
      release();
    }
    if (meter.sizeBytes() === 0) {
      await this.deleteKey(tmpKey);
      throw emptyBody();
    }
    const sha256 = meter.sha256();
    const sizeBytes = meter.sizeBytes();
    const crc = meter.crc32();
    const claimKey = `${CLAIM_PREFIX}${sha256}/${ownedName(randomUUID())}`;
    return {
      sha256,
      sizeBytes,
      crc32: crc,
      commit: async () => {
        // Claim first, then look for a gc at work on this content (blob-collection.ts).
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: claimKey, Body: "" }));
        await waitWhile(async () => (await this.keysUnder(`${GC_PREFIX}${sha256}/`)).length > 0, MARK_WAIT_MAX_MS);
        await this.commit(tmpKey, sha256, sizeBytes);
      },
      discard: async () => {
        await this.deleteKey(tmpKey);
        await this.deleteKey(claimKey);
      },
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
    const leaseObjects = await this.keysUnder(LEASE_PREFIX);
    const leases = leaseTimes(leaseObjects.map((o) => ({ name: o.key.slice(LEASE_PREFIX.length), modifiedAt: o.modifiedAt })));
    // Staged but never committed or discarded (the process died between stage and commit).
    let removed = await this.sweepOwned(TMP_PREFIX, cutoff, leases);
    await this.sweepOwned(CLAIM_PREFIX, Math.max(cutoff, Date.now() - CLAIM_STALE_MS), new Map());
    for (const o of await this.keysUnder(GC_PREFIX)) {
      if (o.modifiedAt < Date.now() - MARK_STALE_MS) await this.deleteKey(o.key); // its gc died
    }
    removed += await this.abortStaleMultipartUploads(cutoff, leases);
    // Leases of owners that have ended, or have not renewed since the cutoff.
    for (const o of leaseObjects) if (isLeftover(o.key, o.modifiedAt, cutoff, new Map())) await this.deleteKey(o.key);
    return removed;
  }

  /** Deletes the objects under a prefix whose owner has ended, and those of owners that cannot be
   *  checked from here untouched since the cutoff. */
  private async sweepOwned(prefix: string, cutoff: number, leases: Map<string, number>): Promise<number> {
    let removed = 0;
    for (const o of await this.keysUnder(prefix)) {
      if (isLeftover(o.key, o.modifiedAt, cutoff, leases)) {
        await this.deleteKey(o.key);
        removed++;
      }
    }
    return removed;
  }

  async collect(sha256: string, { modifiedBefore, isReferenced }: CollectOptions): Promise<CollectOutcome> {
    let modifiedAt: Date | undefined;
    try {
      modifiedAt = (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }))).LastModified;
    } catch (e) {
      if (isS3NotFound(e)) return "missing";
      throw e;
    }
    if (!modifiedAt || modifiedAt >= modifiedBefore) return "young";
    const mark = `${GC_PREFIX}${sha256}/${randomUUID()}`;
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: mark, Body: "" }));
    const markedAt = Date.now();
    try {
      const claims = await this.keysUnder(`${CLAIM_PREFIX}${sha256}/`);
      const live = claims.filter((c) => isOwnerGone(ownerTagOf(c.key.split("/").at(-1) ?? "")) !== true && c.modifiedAt >= Date.now() - CLAIM_STALE_MS);
      if (live.length > 0) return "claimed";
      if (await isReferenced()) return "referenced";
      if (Date.now() - markedAt > MARK_HOLD_MAX_MS) return "busy"; // an upload may have stopped waiting
      await this.deleteKey(this.blobKey(sha256));
      return "deleted";
    } finally {
      await this.deleteKey(mark);
    }
  }

  private async keysUnder(prefix: string): Promise<{ key: string; modifiedAt: number }[]> {
    const out: { key: string; modifiedAt: number }[] = [];
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, modifiedAt: o.LastModified?.getTime() ?? 0 });
    }
    return out;
  }

  // A crash mid-upload leaves an unfinished multipart upload: invisible in listings but stored
  // (and billed). Initiated is the upload's start, so for an owner that cannot be checked from
  // here, its lease (renewed while it uploads) is what tells a long upload from an abandoned one.
  private async abortStaleMultipartUploads(cutoff: number, leases: Map<string, number>): Promise<number> {
    let aborted = 0;
    try {
      let marker: { KeyMarker?: string; UploadIdMarker?: string } = {};
      for (;;) {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: TMP_PREFIX, ...marker }),
        );
        for (const u of page.Uploads ?? []) {
          if (u.Key && u.UploadId && u.Initiated && isLeftover(u.Key, u.Initiated.getTime(), cutoff, leases)) {
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

/** Left by an owner that has ended, or (owner elsewhere, or an older name) with no sign of life,
 *  its own time or its owner's lease, since the cutoff. */
function isLeftover(key: string, modifiedAt: number, cutoff: number, leases: Map<string, number>): boolean {
  const name = key.split("/").at(-1) ?? "";
  const gone = isOwnerGone(ownerTagOf(name));
  return gone === true || (gone === undefined && lastSignOfLife(name, modifiedAt, leases) < cutoff);
}
