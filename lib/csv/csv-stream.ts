// CSV out of Lantern: a header and rows, written by csv-stringify (RFC 4180 quoting, CRLF line
// ends), every cell passed through safeCell. csvResponse streams rows from an async source with
// backpressure, so an export of any size holds one chunk of rows in memory at a time.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import { safeCell, type CellValue } from "@/lib/csv/csv-cells";

const OPTIONS = { record_delimiter: "windows" as const, quoted_string: false };

/** A small table as CSV text (the dashboard's charts). */
export function csvText(header: string[], rows: CellValue[][]): string {
  return stringifySync([header, ...rows.map((r) => r.map(safeCell))], OPTIONS);
}

/** A streamed text/csv answer; `rows` yields chunks (arrays of rows) as it pages through the database. */
export function csvResponse(filename: string, header: string[], rows: AsyncIterable<CellValue[][]>): Response {
  async function* records() {
    yield header;
    for await (const chunk of rows) for (const r of chunk) yield r.map(safeCell);
  }
  const csv = Readable.from(records()).pipe(stringify(OPTIONS));
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, { headers: csvHeaders(filename) });
}

export function csvHeaders(filename: string): Record<string, string> {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "cache-control": "no-store",
  };
}
