// Checks a requested byte range before any backend sees it: the two backends disagree on bad
// ranges (fs streams silently return nothing, S3 answers 416), so we refuse them the same way.
import { AppError } from "@/lib/errors";
import type { ByteRange } from "@/lib/storage/blob-store";

export function assertByteRange(range: ByteRange): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new AppError("INVALID_INPUT", "Byte range must have 0 <= start <= end (inclusive)");
  }
  return range;
}

export const rangeNotSatisfiable = () =>
  new AppError("INVALID_INPUT", "Byte range starts past the end of the content");
