// A blob's address is its SHA-256 in lowercase hex. Every hash that reaches a path or an object
// key goes through here first, so nothing else (least of all a user's filename) can shape one.
import { AppError } from "@/lib/errors";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new AppError("INVALID_INPUT", "Not a SHA-256 hash (64 lowercase hex digits)");
  return sha256;
}
