// The error shape and status for failures that are not bugs: a full disk (507) and a database too
// busy to take the request in time (503 with Retry-After), found through wrapped causes.
import { expect, it } from "vitest";
import { errorResponse } from "@/lib/api/api-handler";
import { AppError } from "@/lib/errors";

const quiet = <T>(run: () => T): T => {
  const original = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = original;
  }
};

it.each([
  ["a Prisma lock timeout", Object.assign(new Error("Operations timed out"), { code: "P1008" })],
  ["a transaction not started in time", Object.assign(new Error("Transaction API error"), { code: "P2028" })],
  ["a busy driver error under a cause", new Error("wrapped", { cause: { originalCode: "SQLITE_BUSY" } })],
  ["a PostgreSQL deadlock in the adapter error", { meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } }],
])("answers 503 with Retry-After for %s", async (_, error) => {
  const res = quiet(() => errorResponse(error, "req-1"));
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("1");
  expect(await res.json()).toEqual({
    error: { code: "UNAVAILABLE", message: expect.stringContaining("busy"), details: expect.objectContaining({ retryAfterSeconds: 1 }) },
  });
});

it("answers 507 for a full disk, even when the driver also says busy elsewhere in the chain", async () => {
  const res = quiet(() => errorResponse(new Error("x", { cause: { code: "ENOSPC", cause: { code: "P1008" } } }), "req-2"));
  expect(res.status).toBe(507);
});

it("keeps an expected error's own status and a bug's generic 500", async () => {
  expect(errorResponse(new AppError("CONFLICT", "taken"), "r").status).toBe(409);
  const res = quiet(() => errorResponse(new Error("boom"), "req-3"));
  expect(res.status).toBe(500);
  expect((await res.json()).error.code).toBe("INTERNAL");
});
