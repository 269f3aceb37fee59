// Storage settings: defaults, the store they select, and messages that name the bad variable.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { blobStore, createBlobStore } from "@/lib/storage/blob-store";
import { DeferredBlobStore } from "@/lib/storage/deferred-blob-store";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { S3BlobStore } from "@/lib/storage/s3-blob-store";

const s3 = { LANTERN_STORAGE: "s3", LANTERN_S3_BUCKET: "evidence" };

describe("storage configuration", () => {
  it("defaults to a local folder under the data directory and a 2 GiB upload limit", () => {
    const e = parseEnv({ LANTERN_DATA_DIR: "/srv/lantern" });
    expect(e.LANTERN_STORAGE).toBe("local");
    expect(e.evidenceDir).toBe(path.resolve("/srv/lantern/evidence"));
    expect(e.LANTERN_MAX_UPLOAD_BYTES).toBe(2_147_483_648);
    const store = createBlobStore(e);
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect((store as LocalBlobStore).root).toBe(path.resolve("/srv/lantern/evidence"));
  });

  it("follows LANTERN_EVIDENCE_DIR and LANTERN_MAX_UPLOAD_BYTES", () => {
    const e = parseEnv({ LANTERN_EVIDENCE_DIR: "/mnt/evidence", LANTERN_MAX_UPLOAD_BYTES: "1048576" });
    expect(e.evidenceDir).toBe(path.resolve("/mnt/evidence"));
    expect(e.LANTERN_MAX_UPLOAD_BYTES).toBe(1_048_576);
  });

  it("builds an S3 store with path-style addressing and us-east-1 by default", async () => {
    const e = parseEnv({ ...s3, LANTERN_S3_ENDPOINT: "http://127.0.0.1:9000" });
    expect(e).toMatchObject({ LANTERN_S3_REGION: "us-east-1", LANTERN_S3_FORCE_PATH_STYLE: true });
    // Deferred: the S3 SDK is imported at the store's first use (decision 0030).
    const deferred = createBlobStore(e);
    expect(deferred).toBeInstanceOf(DeferredBlobStore);
    const store = await (deferred as DeferredBlobStore).resolve();
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(await (deferred as DeferredBlobStore).resolve()).toBe(store);
    expect((store as S3BlobStore).bucket).toBe("evidence");
    expect(await (store as S3BlobStore).client.config.forcePathStyle).toBe(true);
    (store as S3BlobStore).client.destroy();
    expect(parseEnv({ ...s3, LANTERN_S3_FORCE_PATH_STYLE: "false" }).LANTERN_S3_FORCE_PATH_STYLE).toBe(false);
  });

  it.each([
    ["LANTERN_STORAGE", { LANTERN_STORAGE: "gcs" }],
    ["LANTERN_S3_BUCKET", { LANTERN_STORAGE: "s3" }],
    ["LANTERN_S3_ENDPOINT", { ...s3, LANTERN_S3_ENDPOINT: "not a url" }],
    ["LANTERN_S3_FORCE_PATH_STYLE", { LANTERN_S3_FORCE_PATH_STYLE: "yes" }],
    ["LANTERN_S3_SECRET_ACCESS_KEY", { ...s3, LANTERN_S3_ACCESS_KEY_ID: "id-only" }],
    ["LANTERN_MAX_UPLOAD_BYTES", { LANTERN_MAX_UPLOAD_BYTES: "2GB" }],
    ["LANTERN_MAX_UPLOAD_BYTES", { LANTERN_MAX_UPLOAD_BYTES: "0" }],
    ["LANTERN_MAX_UPLOAD_BYTES", { ...s3, LANTERN_MAX_UPLOAD_BYTES: String(6 * 1024 ** 3) }],
  ])("a bad %s stops start-up with a message naming it", (name, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(name));
  });

  it("blobStore() is built once from the environment", () => {
    // The test setup points LANTERN_DATA_DIR at a temporary directory for this file.
    const store = blobStore();
    expect(store).toBe(blobStore());
    expect((store as LocalBlobStore).root).toBe(path.join(process.env.LANTERN_DATA_DIR!, "evidence"));
  });
});
