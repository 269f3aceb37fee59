// Encryption at rest of TOTP secrets: AES-256-GCM under a key derived (HKDF-SHA256) from the auth
// secret (AUTH_SECRET or <data>/auth-secret), so a copy of the database alone does not hold them.
// Changing the auth secret makes enrolled second factors unreadable (decision 0027).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";

const INFO = "lantern totp secret v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", ensureAuthSecret(), Buffer.alloc(0), INFO, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function sealTotpSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function openTotpSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unreadable TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
