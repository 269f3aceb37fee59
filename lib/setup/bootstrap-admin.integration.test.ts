// Several instances starting at once on an empty database (issue 14): each runs the first-run
// bootstrap; exactly one creates an admin, whatever email each was configured with, and none fails.
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bootstrapFirstAdmin } from "@/lib/setup/bootstrap-admin";

it("creates exactly one first admin when eight start-ups bootstrap at the same moment", async () => {
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => bootstrapFirstAdmin(`admin${i}@example.test`, "a long enough password")));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(await db().user.count()).toBe(1);
  expect(await db().user.count({ where: { role: "ADMIN" } })).toBe(1);
  expect(await db().auditEvent.count({ where: { action: "user.create" } })).toBe(1);
});
