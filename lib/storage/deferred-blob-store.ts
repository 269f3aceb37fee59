// A blob store built on first use: the S3 store's SDK (@aws-sdk/client-s3 and lib-storage, ~20 MiB
// resident once loaded) is imported only when a server configured for S3 first touches a blob, so
// a server on local storage never loads it (decision 0030).
import type { CollectOptions, CollectOutcome } from "@/lib/storage/blob-collection";
import type { BlobStore, ByteRange, OpenOptions, StagedBlob, StageOptions } from "@/lib/storage/blob-store";

export class DeferredBlobStore implements BlobStore {
  private built: Promise<BlobStore> | undefined;

  constructor(private readonly build: () => Promise<BlobStore>) {}

  /** The store itself, built once (a failed build is tried again on the next call). */
  resolve(): Promise<BlobStore> {
    this.built ??= this.build().catch((e: unknown) => {
      this.built = undefined;
      throw e;
    });
    return this.built;
  }

  async stage(body: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob> {
    return (await this.resolve()).stage(body, opts);
  }

  async open(sha256: string, range?: ByteRange, opts?: OpenOptions): Promise<NodeJS.ReadableStream> {
    return (await this.resolve()).open(sha256, range, opts);
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.resolve()).exists(sha256);
  }

  async *list(): AsyncIterable<string> {
    yield* (await this.resolve()).list();
  }

  async sweepStale(olderThanMs: number): Promise<number> {
    return (await this.resolve()).sweepStale(olderThanMs);
  }

  async collect(sha256: string, opts: CollectOptions): Promise<CollectOutcome> {
    return (await this.resolve()).collect(sha256, opts);
  }
}
