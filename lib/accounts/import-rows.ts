// Reads an import file (CSV with a header row, a JSON array, {"accounts": [...]}, or JSON Lines) into
// rows shaped like POST /accounts, each with its line number, without holding the parsed file.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { ATTRIBUTE_TYPES } from "@/lib/accounts/normalize-attribute";
import { AppError } from "@/lib/errors";

export type ImportFormat = "csv" | "json" | "jsonl";
export type RawRow = { line: number; data: Record<string, unknown> } | { line: number; error: string };

/** CSV header names, compared without case, spaces, "_" or "-". */
const CSV_FIELDS: Record<string, string> = {
  externalid: "externalId",
  displayname: "displayName",
  name: "displayName",
  emails: "emails",
  email: "emails",
  organization: "organization",
  organisation: "organization",
  country: "country",
  providercreatedat: "providerCreatedAt",
  createdat: "providerCreatedAt",
  status: "status",
  riskscore: "riskScore",
  risk: "riskScore",
};
const ATTRIBUTE_COLUMNS: Record<string, (typeof ATTRIBUTE_TYPES)[number]> = Object.fromEntries(
  ATTRIBUTE_TYPES.map((t) => [t.toLowerCase().replace(/_/g, ""), t]),
);
const squash = (name: string) => name.trim().toLowerCase().replace(/[\s_-]/g, "");

/** Several values in one CSV cell are separated by "|". */
export const CSV_LIST_SEPARATOR = "|";

export function detectFormat(text: string, filename = "", mediaType = ""): ImportFormat {
  const name = filename.toLowerCase();
  if (name.endsWith(".csv") || /text\/csv/i.test(mediaType)) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || /x-ndjson|jsonl/i.test(mediaType)) return "jsonl";
  const first = /\S/.exec(text)?.[0];
  if (first === "[") return "json";
  if (first === "{") {
    const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n")).trim();
    try {
      JSON.parse(firstLine);
      return text.trim().includes("\n") ? "jsonl" : "json";
    } catch {
      return "json";
    }
  }
  return "csv";
}

/** The number of data rows, for progress (CSV: lines after the header; a quoted newline overcounts). */
export function estimateRows(text: string, format: ImportFormat): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  if (!text.endsWith("\n") && text.length > 0) lines++;
  return Math.max(0, format === "csv" ? lines - 1 : lines);
}

export async function* readImportRows(text: string, format: ImportFormat): AsyncGenerator<RawRow> {
  if (format === "csv") yield* csvRows(text);
  else if (format === "jsonl") yield* jsonLines(text);
  else yield* jsonArray(text);
}

async function* csvRows(text: string): AsyncGenerator<RawRow> {
  // Fed in slices: given the whole file at once, the parser would hold every record it produced.
  const parser = Readable.from(slices(text, 64 * 1024)).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  let header: { field?: string; attribute?: (typeof ATTRIBUTE_TYPES)[number] }[] | null = null;
  let hasAttributes = false;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record;
      const line = record.info.lines;
      if (!header) {
        header = cells.map((name) => ({ field: CSV_FIELDS[squash(name)], attribute: ATTRIBUTE_COLUMNS[squash(name)] }));
        const unknown = cells.filter((_, i) => !header![i].field && !header![i].attribute);
        if (unknown.length > 0) {
          throw new AppError("INVALID_INPUT", `Line ${line}: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`, {
            fieldErrors: { file: [`unknown columns: ${unknown.join(", ")}`] },
          });
        }
        if (!header.some((h) => h.field === "externalId")) {
          throw new AppError("INVALID_INPUT", "The CSV header has no externalId column", { fieldErrors: { file: ["the header needs an externalId column"] } });
        }
        hasAttributes = header.some((h) => h.attribute);
        continue;
      }
      if (cells.length !== header.length) {
        yield { line, error: `has ${cells.length} cells, the header has ${header.length}` };
        continue;
      }
      const data: Record<string, unknown> = {};
      const attributes: { type: string; value: string }[] = [];
      for (let i = 0; i < cells.length; i++) {
        const h = header[i];
        const cell = cells[i];
        // An empty cell is "not given": a new account takes the default, an existing one keeps its value.
        if (h.field) {
          if (cell.trim() !== "") data[h.field] = cell;
        }
        else if (h.attribute && cell.trim() !== "") {
          for (const v of cell.split(CSV_LIST_SEPARATOR)) if (v.trim() !== "") attributes.push({ type: h.attribute, value: v });
        }
      }
      if (hasAttributes) data.attributes = attributes;
      yield { line, data };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as { message?: string; lines?: number };
    throw new AppError("INVALID_INPUT", `The CSV cannot be read${err.lines ? ` at line ${err.lines}` : ""}: ${err.message ?? "malformed"}`, {
      fieldErrors: { file: ["malformed CSV"] },
    });
  }
  if (!header) throw new AppError("INVALID_INPUT", "The file is empty", { fieldErrors: { file: ["is empty"] } });
}

function* slices(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function* jsonLines(text: string): AsyncGenerator<RawRow> {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const raw = text.slice(start, end === -1 ? undefined : end).trim();
    line++;
    start = end === -1 ? text.length + 1 : end + 1;
    if (raw === "") continue;
    try {
      const value = JSON.parse(raw) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value)) yield { line, error: "is not a JSON object" };
      else yield { line, data: value as Record<string, unknown> };
    } catch {
      yield { line, error: "is not valid JSON" };
    }
  }
}

async function* jsonArray(text: string): AsyncGenerator<RawRow> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError("INVALID_INPUT", `The file is not valid JSON: ${(e as Error).message}`, { fieldErrors: { file: ["malformed JSON"] } });
  }
  const items = Array.isArray(value) ? value : (value as { accounts?: unknown })?.accounts;
  if (!Array.isArray(items)) {
    throw new AppError("INVALID_INPUT", 'A JSON import is an array of accounts or {"accounts": [...]}', { fieldErrors: { file: ["no accounts array"] } });
  }
  // JSON has no useful line numbers once parsed: "line" is the item's position (1 = the first).
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown;
    if (item === null || typeof item !== "object" || Array.isArray(item)) yield { line: i + 1, error: "is not a JSON object" };
    else yield { line: i + 1, data: item as Record<string, unknown> };
  }
}
