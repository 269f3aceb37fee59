// The secret that signs session cookies: AUTH_SECRET when configured, else one generated on first
// start and kept in the data folder, so sessions survive restarts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

export function authSecretPath(): string {
  return path.join(env().dataDir, "auth-secret");
}

export function ensureAuthSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = authSecretPath();
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (e) {
    // Another process on the same data folder wrote it first: theirs is the secret.
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}
