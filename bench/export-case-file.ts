// Part (b) of `npm run bench -- dashboard-export`: see bench/dashboard-export.ts.
export async function runExportBench(): Promise<string> {
  return "Case file export (part b): not yet written.";
}
