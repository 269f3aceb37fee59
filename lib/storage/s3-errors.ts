// The SDK reports S3 errors as exceptions whose `name` is the S3 error code; HEAD responses have
// no body, so a missing object is only visible there as HTTP 404.
export function s3ErrorName(e: unknown): string | undefined {
  return e instanceof Error ? e.name : undefined;
}

export function isS3NotFound(e: unknown): boolean {
  const name = s3ErrorName(e);
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return name === "NoSuchKey" || name === "NotFound" || status === 404;
}
