// The in-app "verify a case file" upload's temporaries and how many may run at once.
//
// Each verification streams the uploaded ZIP into a folder of its own under <data>/tmp/verify (the
// data folder, where there is room for evidence, rather than a /tmp that may be memory). The
// folder's name starts with this process's owner tag (lib/storage/upload-owner.ts), so a process
// that crashed mid-verification leaves a folder the next start-up sweep can tell is nobody's: it is
// removed at once when its owner has certainly ended, after STALE_VERIFY_MS when the owner cannot
// be checked from here (another host on a shared data folder).
//
// A verification holds a CPU hashing up to LANTERN_VERIFY_MAX_BYTES and as much disk: at most
// MAX_VERIFICATIONS run at once in an instance and MAX_VERIFICATIONS_PER_USER per user; more are
// refused at once (503 for the instance, 429 for the user) with the limit in the message.
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isOwnerGone, ownerTagOf, uploadOwnerTag } from "@/lib/storage/upload-owner";

export const MAX_VERIFICATIONS = 2;
export const MAX_VERIFICATIONS_PER_USER = 1;
/** Folders whose owner cannot be checked (another host) are taken after this. */
export const STALE_VERIFY_MS = 60 * 60 * 1000;
const PREFIX = "verify-";
/** How long a refused client is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 10;

export function verifyTempRoot(): string {
  return path.join(env().dataDir, "tmp", "verify");
}

/** A new folder of this process for one verification: verify-<owner tag>.<random>. */
export async function makeVerifyTempDir(): Promise<string> {
  const root = verifyTempRoot();
  await fs.promises.mkdir(root, { recursive: true, mode: 0o700 });
  return fs.promises.mkdtemp(path.join(root, `${PREFIX}${uploadOwnerTag()}.`));
}

/** Removes the folders no running verification owns; returns how many. */
export async function sweepStaleVerifyTemporaries(olderThanMs = STALE_VERIFY_MS): Promise<number> {
  const root = verifyTempRoot();
  const names = await fs.promises.readdir(root).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [] as string[];
    throw e;
  });
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const gone = isOwnerGone(ownerTagOf(name.slice(PREFIX.length)));
    if (gone === false) continue;
    const full = path.join(root, name);
    if (gone === undefined) {
      const stat = await fs.promises.stat(full).catch(() => null);
      if (!stat || stat.mtimeMs > cutoff) continue;
    }
    await fs.promises.rm(full, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** The verifications running in this process, in all and per user. On globalThis under a global
 *  symbol, not in variables of this module: Next bundles a module into a chunk per server layer
 *  (routes, pages, instrumentation), each a module instance of its own, and a limit per instance
 *  must be counted once (docs/ARCHITECTURE.md, "Module state under next start"). */
const SLOTS = Symbol.for("lantern.export.verificationSlots");
type Slots = { running: number; byUser: Map<string, number> };
const slots = ((globalThis as { [SLOTS]?: Slots })[SLOTS] ??= { running: 0, byUser: new Map() });

/** Runs `verify` in a verification slot, or refuses at once when the instance's or the user's slots are taken. */
export async function withVerificationSlot<T>(userId: string, verify: () => Promise<T>): Promise<T> {
  const mine = slots.byUser.get(userId) ?? 0;
  if (mine >= MAX_VERIFICATIONS_PER_USER) {
    throw new AppError(
      "RATE_LIMITED",
      `You are already verifying ${mine === 1 ? "a case file" : `${mine} case files`}; at most ${MAX_VERIFICATIONS_PER_USER} at a time per user. Try again when it has finished.`,
      { limit: MAX_VERIFICATIONS_PER_USER, scope: "user", retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
  if (slots.running >= MAX_VERIFICATIONS) {
    throw new AppError(
      "UNAVAILABLE",
      `This server is verifying ${slots.running} case files, its limit of ${MAX_VERIFICATIONS} at a time; try again in a moment (npm run verify-export checks a case file without the server).`,
      { limit: MAX_VERIFICATIONS, scope: "instance", retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
  slots.running += 1;
  slots.byUser.set(userId, mine + 1);
  try {
    return await verify();
  } finally {
    slots.running -= 1;
    const left = (slots.byUser.get(userId) ?? 1) - 1;
    if (left > 0) slots.byUser.set(userId, left);
    else slots.byUser.delete(userId);
  }
}
