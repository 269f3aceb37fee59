// JSON Lines previews as a table of fields: one column per top-level field (in order of first
// appearance on the page, at most MAX_COLUMNS), one row per record. A line that is not a JSON object
// keeps its raw text in a row of its own.
export const MAX_COLUMNS = 30;

export type JsonlRow = { n: number; cells: string[] } | { n: number; raw: string };
export type JsonlTable = { columns: string[]; rows: JsonlRow[]; moreColumns: boolean };

const cellText = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The table, or null when no line of the page is a JSON object (then the lines are shown as text). */
export function jsonlTable(lines: { n: number; text: string; valid: boolean }[]): JsonlTable | null {
  const records = lines.map((l) => ({ n: l.n, text: l.text, object: l.valid ? parseObject(l.text) : null }));
  if (!records.some((r) => r.object)) return null;
  const seen: string[] = [];
  for (const r of records) for (const key of Object.keys(r.object ?? {})) if (!seen.includes(key)) seen.push(key);
  const columns = seen.slice(0, MAX_COLUMNS);
  return {
    columns,
    moreColumns: seen.length > MAX_COLUMNS,
    rows: records.map((r) => (r.object ? { n: r.n, cells: columns.map((c) => cellText(r.object![c])) } : { n: r.n, raw: r.text })),
  };
}
