// Login throttling per account and per client address: the first few failures are free, then each
// further failure doubles the wait before the next attempt is considered (capped).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 60 * 60 * 1000;

export function throttleKeys(email: string, ip: string | null): string[] {
  return [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
}

export function delaySeconds(failures: number, freeAttempts: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(2 ** (failures - freeAttempts), MAX_DELAY_SECONDS);
}

/** Throws RATE_LIMITED when any key is still inside its waiting period. */
export async function assertNotThrottled(keys: string[], now = new Date()): Promise<void> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys } } });
  let wait = 0;
  for (const row of rows) {
    const until = row.lastFailureAt.getTime() + delaySeconds(row.failures, env().LANTERN_LOGIN_FREE_ATTEMPTS) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${wait} seconds.`, {
      retryAfterSeconds: wait,
    });
  }
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const row = await db().loginThrottle.findUnique({ where: { key } });
    const stale = row && now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = !row || stale ? 1 : row.failures + 1;
    await db().loginThrottle.upsert({
      where: { key },
      create: { key, failures, lastFailureAt: now },
      update: { failures, lastFailureAt: now },
    });
  }
}

export async function recordSuccess(email: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: `email:${email}` } });
}
