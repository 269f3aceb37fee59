// The instance's Ed25519 signing key (decision 0024). It signs case file manifests (lib/export)
// and audit checkpoints (lib/audit/checkpoints.ts). LANTERN_SIGNING_KEY (a PKCS#8 PEM) wins;
// otherwise the key is <LANTERN_DATA_DIR>/signing-key.pem, created at first start. Public keys of
// rotated-out keys stay in <LANTERN_DATA_DIR>/signing-keys-retired/*.pem, so older case files and
// checkpoints still verify (README, "Signing key").
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { verifySignature } from "@/lib/signing/verify-signature";

export type SigningKey = {
  /** The first 16 hex digits of SHA-256 over the public key's DER (SPKI) encoding. */
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
};

export type PublicKeyInfo = { keyId: string; publicKeyPem: string };

export const signingKeyPath = () => path.join(env().dataDir, "signing-key.pem");
export const retiredKeysDir = () => path.join(env().dataDir, "signing-keys-retired");

/** The key id of a public key (KeyObject or PEM). */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  return createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

function fromPrivatePem(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`${source} is not a PEM private key: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${source} is a ${privateKey.asymmetricKeyType} key; Lantern signs with Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

/** Reads the key file, creating it (0600, exclusively: two starting processes agree) when absent. */
function readOrCreateKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  try {
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return fs.readFileSync(file, "utf8");
}

let cached: { source: string; key: SigningKey } | undefined;

/** The current signing key (created on first use when neither configured nor present). */
export function signingKey(): SigningKey {
  const configured = env().LANTERN_SIGNING_KEY;
  const source = configured ? "LANTERN_SIGNING_KEY" : signingKeyPath();
  if (cached?.source !== source) {
    const pem = configured ? configured.replaceAll("\\n", "\n") : readOrCreateKeyFile(source);
    cached = { source, key: fromPrivatePem(pem, source) };
  }
  return cached.key;
}

/** Called at start-up (scripts/start.ts) so the key exists before the first request needs it. */
export function ensureSigningKey(): PublicKeyInfo {
  const { keyId, publicKeyPem } = signingKey();
  return { keyId, publicKeyPem };
}

/** Public keys of earlier signing keys, kept for verifying what they signed. */
export function retiredPublicKeys(): PublicKeyInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(retiredKeysDir()).filter((n) => n.endsWith(".pem")).sort();
  } catch {
    return [];
  }
  const out: PublicKeyInfo[] = [];
  for (const name of names) {
    const text = fs.readFileSync(path.join(retiredKeysDir(), name), "utf8");
    // A retired private key file is accepted too; only its public half is used.
    const publicKey = /PRIVATE KEY/.test(text) ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
    out.push({ keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() });
  }
  return out;
}

/** The current key's public half first, then the retired ones. */
export function knownPublicKeys(): PublicKeyInfo[] {
  const { keyId, publicKeyPem } = signingKey();
  return [{ keyId, publicKeyPem }, ...retiredPublicKeys().filter((k) => k.keyId !== keyId)];
}

/** Base64 Ed25519 signature over the exact bytes. */
export function signBytes(bytes: Uint8Array | string): { keyId: string; signature: string } {
  const key = signingKey();
  const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  return { keyId: key.keyId, signature: sign(null, data, key.privateKey).toString("base64") };
}

/** Checks a signature against whichever known key has the given id (any known key if none given). */
export function verifyWithKnownKeys(bytes: Uint8Array | string, signatureB64: string, keyId?: string): PublicKeyInfo | null {
  for (const k of knownPublicKeys()) {
    if (keyId && k.keyId !== keyId) continue;
    if (verifySignature(bytes, signatureB64, k.publicKeyPem)) return k;
  }
  return null;
}
