// Login throttling per account and per client address. Each attempt is counted *before* the
// password is checked, under a lock, so parallel guesses cannot all slip through the free ones:
// the first few failures are free, then every further attempt must wait a doubling delay (capped).
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { lockNamed } from "@/lib/db/dialect";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 60 * 60 * 1000;
const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000;

export function throttleKeys(email: string, ip: string | null): string[] {
  return [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** Free failures for one key: an address key may have its own allowance (LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS). */
export function freeAttemptsFor(
  key: string,
  e: { LANTERN_LOGIN_FREE_ATTEMPTS: number; LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS?: number | undefined },
): number {
  if (key.startsWith("ip:")) return e.LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS ?? e.LANTERN_LOGIN_FREE_ATTEMPTS;
  return e.LANTERN_LOGIN_FREE_ATTEMPTS;
}

/** Seconds to wait after `failures` counted failures: 0 while free, then 2, 4, 8 … up to 15 min. */
export function delaySeconds(failures: number, freeAttempts: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(2 ** (failures - freeAttempts + 1), MAX_DELAY_SECONDS);
}

/**
 * Counts an attempt against every key, or throws RATE_LIMITED (counting nothing) when a key is
 * still inside its waiting period. Call settleAttempt() once the password has been checked.
 */
export async function beginAttempt(keys: string[], now = new Date()): Promise<void> {
  const settings = env();
  await db().$transaction(async (tx) => {
    await lockNamed(tx, "login-throttle");
    const rows = await tx.loginThrottle.findMany({ where: { key: { in: keys } } });
    const current = new Map(rows.map((r) => [r.key, r]));
    let wait = 0;
    for (const row of rows) {
      if (now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS) continue;
      const until = row.lastFailureAt.getTime() + delaySeconds(row.failures, freeAttemptsFor(row.key, settings)) * 1000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
    }
    if (wait > 0) {
      throw new AppError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    for (const key of keys) {
      const row = current.get(key);
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
      await upsert(tx, key, stale ? 1 : row.failures + 1, now);
    }
    await tx.loginThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - SWEEP_AFTER_MS) } } });
  });
}

/** After a successful sign-in: the account starts afresh, and the address gets its attempt back. */
export async function settleSuccess(keys: string[]): Promise<void> {
  const [accountKey, ...addressKeys] = keys;
  await db().$transaction(async (tx) => {
    await lockNamed(tx, "login-throttle");
    await tx.loginThrottle.deleteMany({ where: { key: accountKey } });
    await tx.loginThrottle.updateMany({ where: { key: { in: addressKeys }, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
  });
}

/**
 * Gives back the attempt beginAttempt() counted, without clearing earlier failures: for a right
 * password that still needs its second factor. The attempt that brings the code is counted again.
 */
export async function refundAttempt(keys: string[]): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockNamed(tx, "login-throttle");
    await tx.loginThrottle.updateMany({ where: { key: { in: keys }, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
  });
}

function upsert(tx: Tx, key: string, failures: number, now: Date) {
  return tx.loginThrottle.upsert({
    where: { key },
    create: { key, failures, lastFailureAt: now },
    update: { failures, lastFailureAt: now },
  });
}
