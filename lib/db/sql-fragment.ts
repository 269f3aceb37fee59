// A tiny builder for the few hand-written queries: fragments carry `?` placeholders and their
// parameters; render() numbers them ($1, $2…) for PostgreSQL.
export type Fragment = { text: string; params: unknown[] };

export const frag = (text: string, ...params: unknown[]): Fragment => ({ text, params });

export function join(fragments: Fragment[], separator: string): Fragment {
  return { text: fragments.map((f) => f.text).join(separator), params: fragments.flatMap((f) => f.params) };
}

export function inList(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}

export function render(f: Fragment, provider: "sqlite" | "postgresql"): [string, ...unknown[]] {
  if (provider === "sqlite") return [f.text, ...f.params];
  let n = 0;
  return [f.text.replace(/\?/g, () => `$${++n}`), ...f.params];
}

/** head + " WHERE " + the conditions joined by AND (when there are any) + tail. */
export function withWhere(head: Fragment, conditions: Fragment[], tail: Fragment): Fragment {
  return join([head, ...(conditions.length ? [frag(" WHERE "), join(conditions, " AND ")] : []), tail], "");
}
