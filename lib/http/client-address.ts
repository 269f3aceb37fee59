// The client address as Next.js forwards it. `next start` fills X-Forwarded-For with the socket
// address when the request has none; behind a reverse proxy, the proxy must set it (see README).
type HeaderSource = { get(name: string): string | null };

export function clientAddress(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || null;
}

export function clientAddressFromRecord(headers: Record<string, unknown> | undefined): string | null {
  return clientAddress({
    get: (name) => {
      const v = headers?.[name];
      return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : null;
    },
  });
}
