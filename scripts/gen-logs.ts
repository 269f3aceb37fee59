// `npm run gen:logs -- --lines N --seed S --out FILE [--format jsonl|csv] [--gzip] [--days D]`:
// a synthetic API usage log (test/support/log-generator.ts) and its ground truth in FILE.truth.json.
import { parseArgs } from "node:util";
import { writeLogFile } from "@/test/support/log-generator";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      format: { type: "string", default: "jsonl" },
      gzip: { type: "boolean", default: false },
      days: { type: "string" },
    },
  });
  const lines = Number(values.lines), seed = Number(values.seed);
  if (!values.out) throw new Error("--out FILE is required");
  if (!Number.isInteger(lines) || lines < 1) throw new Error("--lines must be a positive integer");
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
  if (values.format !== "jsonl" && values.format !== "csv") throw new Error("--format must be jsonl or csv");
  const started = Date.now();
  const truth = await writeLogFile({ lines, seed, out: values.out, format: values.format, gzip: values.gzip, days: values.days ? Number(values.days) : undefined });
  console.log(
    `${values.out}: ${lines.toLocaleString("en")} lines, ${(truth.bytes / 1e6).toFixed(1)} MB, ${truth.accounts} accounts, ` +
      `${truth.planted.length} planted in ${truth.operations.length} operations, ${truth.malformed.length} malformed lines; ` +
      `ground truth in ${truth.truthFile} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
