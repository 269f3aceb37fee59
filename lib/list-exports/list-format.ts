// The `format` parameter of the list routes: JSON pages (default) or the whole filtered list as CSV.
import { z } from "zod";
import { parseInput, emptyToUndefined } from "@/lib/validation";

export const ZListFormat = z.object({
  format: z.preprocess(emptyToUndefined, z.enum(["json", "csv"]).default("json")).describe("csv: every matching row (page, pageSize, sort and order do not apply), streamed as text/csv"),
});

export function wantsCsv(query: Record<string, string>): boolean {
  return parseInput(ZListFormat, { format: query.format }).format === "csv";
}
