// The sign-in throttle on its own clock: how long it makes a guesser wait (to the second), when it
// forgets (one hour after the last failure), what a successful sign-in clears, and what it sweeps.
// `now` is passed in, so no test sleeps.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { beginAttempt, delaySeconds, freeAttemptsFor, settleSuccess, throttleKeys } from "@/lib/auth/login-throttle";
import { parseEnv } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { createUser, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const FREE = 5; // LANTERN_LOGIN_FREE_ATTEMPTS' default
const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

const fresh = (what: string) => `${what}:${randomUUID()}`;
const at = (base: number, ms: number) => new Date(base + ms);
const failures = async (key: string) => (await db().loginThrottle.findUnique({ where: { key } }))?.failures ?? null;

/** Counts `n` attempts for `keys`, all at the instant `now` (inside the free ones, or refused). */
async function attempts(keys: string[], n: number, now: Date): Promise<void> {
  for (let i = 0; i < n; i++) await beginAttempt(keys, now);
}

async function refusal(keys: string[], now: Date): Promise<{ message: string; retryAfterSeconds: number }> {
  const e = await expectAppError(beginAttempt(keys, now));
  expect(e.code).toBe("RATE_LIMITED");
  expect(e.status).toBe(429);
  return { message: e.message, retryAfterSeconds: (e.details as { retryAfterSeconds: number }).retryAfterSeconds };
}

describe("throttleKeys", () => {
  it("keys the account, and the address when there is one", () => {
    expect(throttleKeys("ana@example.test", "10.0.0.1")).toEqual(["email:ana@example.test", "ip:10.0.0.1"]);
    expect(throttleKeys("ana@example.test", null)).toEqual(["email:ana@example.test"]);
  });
});

describe("delaySeconds", () => {
  it("is free below the free attempts, then doubles from 2 s up to 15 minutes", () => {
    expect([0, 4, 5, 6, 7, 13, 14, 15, 100].map((n) => delaySeconds(n, FREE))).toEqual([0, 0, 2, 4, 8, 512, 900, 900, 900]);
    expect(delaySeconds(0, 0)).toBe(2);
    expect(delaySeconds(1, 2)).toBe(0);
    expect(delaySeconds(2, 2)).toBe(2);
  });
});

describe("freeAttemptsFor", () => {
  it("gives an address its own allowance when one is set, and the account's otherwise", () => {
    const base = { LANTERN_DATA_DIR: "/tmp/lantern-throttle-env" };
    const same = parseEnv({ ...base, LANTERN_LOGIN_FREE_ATTEMPTS: "4" });
    expect([freeAttemptsFor("email:a@b.test", same), freeAttemptsFor("ip:10.0.0.1", same)]).toEqual([4, 4]);
    const office = parseEnv({ ...base, LANTERN_LOGIN_FREE_ATTEMPTS: "4", LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: "40" });
    expect([freeAttemptsFor("email:a@b.test", office), freeAttemptsFor("ip:10.0.0.1", office)]).toEqual([4, 40]);
    expect(() => parseEnv({ ...base, LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: "0" })).toThrow(/LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS/);
  });
});

describe("beginAttempt", () => {
  it("counts each attempt against every key", async () => {
    const keys = [fresh("email"), fresh("ip")];
    const t0 = Date.now();
    await attempts(keys, 3, at(t0, 0));
    expect(await Promise.all(keys.map(failures))).toEqual([3, 3]);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: keys[0] } })).lastFailureAt).toEqual(at(t0, 0));
  });

  it("after the free attempts, refuses for 2 s, saying how many seconds are left, rounded up", async () => {
    const keys = [fresh("email")];
    const t0 = Date.now();
    await attempts(keys, FREE, at(t0, 0));
    expect(await failures(keys[0])).toBe(FREE);

    expect(await refusal(keys, at(t0, 0))).toEqual({ message: "Too many failed sign-in attempts. Try again in 2 seconds.", retryAfterSeconds: 2 });
    expect((await refusal(keys, at(t0, 500))).retryAfterSeconds).toBe(2);
    expect((await refusal(keys, at(t0, SECOND))).retryAfterSeconds).toBe(1);
    expect((await refusal(keys, at(t0, 2 * SECOND - 1))).retryAfterSeconds).toBe(1);
    // A refused attempt counts nothing and does not move the clock.
    expect(await failures(keys[0])).toBe(FREE);
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: keys[0] } })).lastFailureAt).toEqual(at(t0, 0));

    // At exactly 2 s the wait is over; that attempt counts, and the next wait is 4 s.
    await beginAttempt(keys, at(t0, 2 * SECOND));
    expect(await failures(keys[0])).toBe(FREE + 1);
    expect((await refusal(keys, at(t0, 2 * SECOND))).retryAfterSeconds).toBe(4);
    await beginAttempt(keys, at(t0, 6 * SECOND));
    expect((await refusal(keys, at(t0, 6 * SECOND + 1))).retryAfterSeconds).toBe(8);
  });

  it("makes the caller wait for the longest of its keys' waits", async () => {
    const account = fresh("email");
    const address = fresh("ip");
    const t0 = Date.now();
    await attempts([address], FREE, at(t0, 0)); // 5 counted: 2 s from t0
    await beginAttempt([address], at(t0, 2 * SECOND)); // 6 counted: 4 s from t0 + 2 s
    await attempts([account], FREE, at(t0, 5 * SECOND)); // 5 counted: 2 s from t0 + 5 s
    // The address waits until t0 + 6 s, the account until t0 + 7 s.
    expect((await refusal([account, address], at(t0, 5 * SECOND))).retryAfterSeconds).toBe(2);
    expect((await refusal([address, account], at(t0, 5 * SECOND))).retryAfterSeconds).toBe(2);
    expect((await refusal([address], at(t0, 5 * SECOND))).retryAfterSeconds).toBe(1);
    expect([await failures(account), await failures(address)]).toEqual([FREE, FREE + 1]);
  });

  it("keeps counting within the hour after the last failure", async () => {
    const keys = [fresh("email")];
    const t0 = Date.now();
    await attempts(keys, FREE, at(t0, 0));
    await beginAttempt(keys, at(t0, 30 * 60 * SECOND));
    expect(await failures(keys[0])).toBe(FREE + 1);
    // Exactly one hour after that failure it still counts (the next wait is 8 s: not yet over).
    await beginAttempt(keys, at(t0, 30 * 60 * SECOND + HOUR));
    expect(await failures(keys[0])).toBe(FREE + 2);
  });

  it("forgets a key one hour after its last failure: no wait, and counting starts again at 1", async () => {
    const keys = [fresh("email")];
    const t0 = Date.now();
    await db().loginThrottle.create({ data: { key: keys[0], failures: 14, lastFailureAt: at(t0, 0) } });
    // 14 failures: a 15-minute wait, still remembered a few seconds later.
    expect((await refusal(keys, at(t0, 2 * SECOND))).retryAfterSeconds).toBe(898);
    await beginAttempt(keys, at(t0, HOUR + 1));
    expect(await failures(keys[0])).toBe(1);
  });

  it("sweeps keys whose last failure is over a day old, and only those", async () => {
    const old = fresh("ip");
    const recent = fresh("ip");
    const t0 = Date.now();
    await db().loginThrottle.create({ data: { key: old, failures: 2, lastFailureAt: at(t0, -24 * HOUR - 1) } });
    await db().loginThrottle.create({ data: { key: recent, failures: 2, lastFailureAt: at(t0, -24 * HOUR + SECOND) } });
    await beginAttempt([fresh("email")], at(t0, 0));
    expect(await failures(old)).toBeNull();
    expect(await failures(recent)).toBe(2);
  });
});

describe("settleSuccess", () => {
  it("clears the account and gives the address its attempt back, never below zero", async () => {
    const account = fresh("email");
    const address = fresh("ip");
    const other = fresh("ip");
    const t0 = Date.now();
    await attempts([account, address], 2, at(t0, 0));
    await attempts([other], 2, at(t0, 0));

    await settleSuccess([account, address]);
    expect(await failures(account)).toBeNull();
    expect(await failures(address)).toBe(1);
    expect(await failures(other)).toBe(2);

    await settleSuccess([account, address]);
    await settleSuccess([account, address]);
    expect(await failures(address)).toBe(0);
  });

  it("with no address, clears the account only", async () => {
    const account = fresh("email");
    const bystander = fresh("ip");
    await attempts([account], 3, new Date());
    await attempts([bystander], 3, new Date());
    await settleSuccess([account]);
    expect(await failures(account)).toBeNull();
    expect(await failures(bystander)).toBe(3);
  });

  it("lets a user who signs in after 4 failures have their 5 free attempts again", async () => {
    const user = await createUser();
    const client = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });
    const wrong = () => expectAppError(signInWithPassword({ email: user.email, password: "wrong password!!" }, client()));
    for (let i = 0; i < FREE - 1; i++) expect((await wrong()).status).toBe(401);
    await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client());
    for (let i = 0; i < FREE; i++) expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(429);
  }, 60_000);
});
