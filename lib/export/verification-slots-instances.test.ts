// The in-app case-file verification's limits (at most MAX_VERIFICATIONS per instance and
// MAX_VERIFICATIONS_PER_USER per user, lib/export/verify-temporaries.ts) are counted once per
// process, not once per module instance: Next bundles a module into a chunk per server layer, each
// with module state of its own, and a limit kept in module variables was a limit per copy.
import { describe, expect, it, vi } from "vitest";

describe("withVerificationSlot from two module instances", () => {
  it("counts the instance's and each user's slots across both", async () => {
    const first = await import("@/lib/export/verify-temporaries");
    vi.resetModules();
    const second = await import("@/lib/export/verify-temporaries");
    expect(second).not.toBe(first); // a module instance of its own, as in another server chunk
    expect(first.MAX_VERIFICATIONS).toBe(2);
    expect(first.MAX_VERIFICATIONS_PER_USER).toBe(1);

    const finish: (() => void)[] = [];
    const hold = () => new Promise<void>((resolve) => finish.push(resolve));
    const one = first.withVerificationSlot("user-a", hold);
    // The same user through the other copy: refused (429), the slot is taken.
    await expect(second.withVerificationSlot("user-a", async () => {})).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const two = second.withVerificationSlot("user-b", hold);
    // The instance's two slots are taken, one in each copy: a third user is refused by either (503).
    await expect(first.withVerificationSlot("user-c", async () => {})).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await expect(second.withVerificationSlot("user-c", async () => {})).rejects.toMatchObject({ code: "UNAVAILABLE" });

    finish.forEach((f) => f());
    await Promise.all([one, two]);
    // Released in both: the slots are free again.
    await expect(second.withVerificationSlot("user-a", async () => "ok")).resolves.toBe("ok");
    await expect(first.withVerificationSlot("user-c", async () => "ok")).resolves.toBe("ok");
  });
});
