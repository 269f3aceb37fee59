// Expected errors a page turns into UI: NOT_FOUND becomes Next's notFound() (hidden and missing
// things both answer 404); INVALID_INPUT from a bad query string becomes a message beside the filters.
import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export type QueryError = { error: string };

export async function orQueryError<T>(promise: Promise<T>): Promise<T | QueryError> {
  try {
    return await promise;
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID_INPUT") return { error: e.message };
    throw e;
  }
}

export function isQueryError(v: unknown): v is QueryError {
  return typeof v === "object" && v !== null && "error" in v;
}
