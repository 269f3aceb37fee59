import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** Awaits a promise that must reject with an AppError, and returns that error for more checks. */
export async function expectAppError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
