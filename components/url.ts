// Query-string helpers for GET filter forms, sortable headers and pagination links.
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each named parameter, without empty ones. */
export function pickParams(params: SearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const raw = params[key];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

/** `base` with `params` merged with `changes` (undefined or "" removes a parameter). */
export function hrefWith(base: string, params: Record<string, string>, changes: Record<string, string | undefined> = {}): string {
  const merged = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) if (v !== undefined && v !== "") merged.set(k, v);
  const qs = merged.toString();
  return qs ? `${base}?${qs}` : base;
}

export function positiveInt(v: string | string[] | undefined, fallback = 1): number {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}
