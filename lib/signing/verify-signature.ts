// Ed25519 signature checks with nothing but a public key: used by the offline verifier
// (scripts/verify-export.ts), which must work without the app's database or data folder.
import { createPublicKey, verify } from "node:crypto";

/** True when signatureB64 is a valid Ed25519 signature of bytes under the PEM public key. */
export function verifySignature(bytes: Uint8Array | string, signatureB64: string, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== "ed25519") return false;
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    return verify(null, data, key, Buffer.from(signatureB64.trim(), "base64"));
  } catch {
    return false;
  }
}
