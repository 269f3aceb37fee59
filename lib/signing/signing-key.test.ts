// The instance signing key (decision 0024): made once in the data folder (0600) and reused, with a
// stable key id; retired public keys in signing-keys-retired/ still verify what they signed; the
// key route's shape.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { keyIdOf, knownPublicKeys, retiredKeysDir, signBytes, signingKey, signingKeyPath, verifyWithKnownKeys } from "@/lib/signing/signing-key";
import { verifySignature } from "@/lib/signing/verify-signature";

describe("the instance signing key", () => {
  it("is created on first use as <data>/signing-key.pem, readable by the owner only, and reused", () => {
    expect(signingKeyPath()).toBe(path.join(env().dataDir, "signing-key.pem"));
    expect(fs.existsSync(signingKeyPath())).toBe(false);
    const key = signingKey();
    expect(fs.statSync(signingKeyPath()).mode & 0o777).toBe(0o600);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.keyId).toBe(keyIdOf(key.publicKeyPem));
    expect(signingKey().keyId).toBe(key.keyId);
    // OpenSSL reads the same file and derives the same public key.
    expect(execFileSync("openssl", ["pkey", "-in", signingKeyPath(), "-pubout"], { encoding: "utf8" })).toBe(key.publicKeyPem);
  });

  it("signs bytes so that the public key alone verifies them, and nothing else", () => {
    const { keyId, signature } = signBytes("exact bytes");
    expect(keyId).toBe(signingKey().keyId);
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
    expect(verifySignature("exact bytes", signature, signingKey().publicKeyPem)).toBe(true);
    expect(verifySignature("exact bytes!", signature, signingKey().publicKeyPem)).toBe(false);
    expect(verifySignature("exact bytes", signature, "not a key")).toBe(false);
  });

  it("keeps accepting a rotated-out key's signatures once its public key is in signing-keys-retired/", () => {
    const old = generateKeyPairSync("ed25519");
    const signature = sign(null, Buffer.from("signed long ago"), old.privateKey).toString("base64");
    const oldId = keyIdOf(old.publicKey);
    expect(verifyWithKnownKeys("signed long ago", signature, oldId)).toBeNull();
    fs.mkdirSync(retiredKeysDir(), { recursive: true });
    fs.writeFileSync(path.join(retiredKeysDir(), "2026-01-01.pem"), old.publicKey.export({ type: "spki", format: "pem" }));
    expect(knownPublicKeys().map((k) => k.keyId)).toEqual([signingKey().keyId, oldId]);
    expect(verifyWithKnownKeys("signed long ago", signature, oldId)).toMatchObject({ keyId: oldId });
    expect(verifyWithKnownKeys("signed long ago", signature, signingKey().keyId)).toBeNull();
  });
});
