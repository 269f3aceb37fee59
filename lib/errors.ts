// Expected errors carry a code, an HTTP status and a message that is safe to show to the user.
// Anything else is unexpected: logged with the request id and shown as a generic message.
export type ErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "ILLEGAL_TRANSITION"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "UNAVAILABLE"
  | "INSUFFICIENT_STORAGE";

const statusByCode: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503, // the database too busy to take the request in time (lib/storage-full.ts)
  INSUFFICIENT_STORAGE: 507, // a full disk or database (lib/storage-full.ts)
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = statusByCode[code];
    this.details = details;
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
export const forbidden = (message = "You are not allowed to do this") =>
  new AppError("FORBIDDEN", message);
export const invalidInput = (message: string, fieldErrors: FieldErrors) =>
  new AppError("INVALID_INPUT", message, { fieldErrors });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
