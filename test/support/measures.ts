// Figures the suite reports at its end (issue 8, "How it is measured"): a test records a line here;
// it is printed at once and again, with every other recorded line, after `npm test`'s totals
// (scripts/test.ts reads .tmp/reports/measures.txt, which it empties at the start of a run).
import fs from "node:fs";
import path from "node:path";

export const MEASURES_FILE = path.resolve(import.meta.dirname, "../../.tmp/reports/measures.txt");

export function recordMeasure(line: string): void {
  console.log(line);
  fs.mkdirSync(path.dirname(MEASURES_FILE), { recursive: true });
  fs.appendFileSync(MEASURES_FILE, `${line}\n`);
}
