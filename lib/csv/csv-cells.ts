// One cell of a CSV export, made safe to open in a spreadsheet (decision 0018): a text that starts
// with = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice and Google Sheets,
// so it gets a leading apostrophe ('), which those programs show as "text follows" and hide.
// Numbers stay numbers; dates are ISO 8601; null and undefined are empty cells.
const FORMULA_START = /^[=+\-@\t\r]/;
// Spreadsheets in locales whose list separator is ";" split a line at ";" (and some at ",") even
// inside a quoted cell, so a formula character right after one starts a new cell: give it the same
// apostrophe there ("a;=HYPERLINK(…)" becomes "a;'=HYPERLINK(…)").
const FORMULA_AFTER_SEPARATOR = /([;,][ \t]*)(?=[=+\-@])/g;

export type CellValue = string | number | boolean | Date | null | undefined;

export function safeCell(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}
