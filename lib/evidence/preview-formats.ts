// The text-family previews, from the bytes of the content (no database, no storage): a page of CSV
// rows, JSON Lines or text lines, or one JSON document. Each bounds its work and marks what it cut.
import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import type { EvidencePreview } from "@/lib/evidence/preview-evidence";
import { prettyJson } from "@/lib/evidence/preview-json";
import { clip, decodeUtf8, pageOf, readLines, type Line } from "@/lib/evidence/preview-lines";

const MiB = 1024 * 1024;

export const PREVIEW_LIMITS = {
  /** Bytes read from the start of the content for any page; later pages come out truncated. */
  scanBytes: 64 * MiB,
  /** Characters shown of one line, cell or JSON Lines record. */
  shownChars: 10_000,
  /** Characters of one CSV record or JSON Lines line that are parsed at all. */
  recordChars: MiB,
  /** A JSON document up to this size is parsed and pretty-printed... */
  jsonParseBytes: MiB,
  /** ...to at most this many characters. */
  jsonPrettyChars: MiB,
  /** A larger or malformed one shows its raw start, this long. */
  jsonRawBytes: 256 * 1024,
};

type Paging = { page: number; pageSize: number };
type Preview<F extends EvidencePreview["format"]> = Extract<EvidencePreview, { format: F }>;

// `partial` in what follows: the bytes are only the start of the content (it is over scanBytes), so
// reaching their end is not reaching the end of the content.

export async function previewText(bytes: AsyncIterable<Uint8Array>, { page, pageSize }: Paging, partial: boolean): Promise<Preview<"text">> {
  let truncated = false;
  const { items, hasMore } = await pageOf(readLines(decodeUtf8(bytes), PREVIEW_LIMITS.shownChars), page, pageSize, ({ n, text, cut }) => {
    truncated ||= cut;
    return { n, text };
  });
  return { format: "text", lines: items, page, pageSize, hasMore, truncated: truncated || (!hasMore && partial) };
}

/** Blank lines are skipped (they are no record) but keep their number, so `n` is the line in the file. */
export async function previewJsonl(bytes: AsyncIterable<Uint8Array>, { page, pageSize }: Paging, partial: boolean): Promise<Preview<"jsonl">> {
  let truncated = false;
  const { items, hasMore } = await pageOf(nonBlank(readLines(decodeUtf8(bytes), PREVIEW_LIMITS.recordChars)), page, pageSize, (line) => {
    const shown = jsonlLine(line);
    truncated ||= shown.cut;
    return shown.line;
  });
  return { format: "jsonl", lines: items, page, pageSize, hasMore, truncated: truncated || (!hasMore && partial) };
}

async function* nonBlank(lines: AsyncIterable<Line>): AsyncGenerator<Line> {
  for await (const line of lines) if (line.text.trim()) yield line;
}

/** Pretty-printed when it parses; raw otherwise. A line over recordChars is not parsed (valid: false). */
function jsonlLine({ n, text, cut }: Line): { line: { n: number; text: string; valid: boolean }; cut: boolean } {
  const parsed = cut ? null : parseJson(text);
  const pretty = parsed && prettyJson(parsed.value, PREVIEW_LIMITS.shownChars);
  if (pretty) return { line: { n, text: pretty.text, valid: true }, cut: pretty.truncated };
  return { line: { n, text: clip(text, PREVIEW_LIMITS.shownChars), valid: parsed !== null }, cut: cut || text.length > PREVIEW_LIMITS.shownChars };
}

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** Row 0 (the header) is `columns` on every page; data rows are paged after it. Null when the
 *  parser rejects the bytes (an unclosed quote, a record over recordChars): the caller shows text. */
export async function previewCsv(bytes: AsyncIterable<Uint8Array>, { page, pageSize }: Paging, partial: boolean): Promise<Preview<"csv"> | null> {
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: PREVIEW_LIMITS.recordChars });
  // pipeline, not pipe: a read error reaches the parser, and destroying the parser (leaving the
  // loop early) ends the source.
  pipeline(Readable.from(decodeUtf8(bytes)), parser, () => {});
  let truncated = false;
  const shown = (record: string[]) =>
    record.map((cell) => {
      truncated ||= cell.length > PREVIEW_LIMITS.shownChars;
      return clip(cell, PREVIEW_LIMITS.shownChars);
    });
  const header: { columns: string[] | null } = { columns: null };
  async function* dataRows(): AsyncGenerator<string[]> {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header.columns) yield record;
      else header.columns = shown(record);
    }
  }
  try {
    const { items, hasMore } = await pageOf(dataRows(), page, pageSize, shown);
    return { format: "csv", columns: header.columns ?? [], rows: items, page, pageSize, hasMore, truncated: truncated || (!hasMore && partial) };
  } catch (e) {
    if (e instanceof CsvError) return null;
    throw e;
  }
}

/** How many bytes previewJson reads of a document this large. */
export function jsonPreviewBytes(sizeBytes: number): number {
  return sizeBytes <= PREVIEW_LIMITS.jsonParseBytes ? sizeBytes : PREVIEW_LIMITS.jsonRawBytes;
}

/** Pretty-printed when the whole document is small enough and parses; else its raw start. */
export async function previewJson(bytes: AsyncIterable<Uint8Array>, sizeBytes: number): Promise<Preview<"json">> {
  const head = await readPrefix(bytes, jsonPreviewBytes(sizeBytes));
  if (sizeBytes <= PREVIEW_LIMITS.jsonParseBytes) {
    const parsed = parseJson(new TextDecoder().decode(head));
    const pretty = parsed && prettyJson(parsed.value, PREVIEW_LIMITS.jsonPrettyChars);
    if (pretty) return { format: "json", text: pretty.text, truncated: pretty.truncated };
  }
  const raw = head.subarray(0, PREVIEW_LIMITS.jsonRawBytes);
  const cut = sizeBytes > raw.length;
  // stream: a character cut off at the end is left out instead of shown as U+FFFD.
  return { format: "json", text: new TextDecoder().decode(raw, { stream: cut }), truncated: cut };
}

async function readPrefix(bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}
