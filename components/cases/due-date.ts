// Due dates as the forms handle them: the allowed years (as lib/cases/case-schemas.ts checks
// them) and whether a picked date has already passed, which creating a case asks about.

export const DUE_MIN = "2000-01-01";
export const DUE_MAX = "2100-12-31";

/** A YYYY-MM-DD date before today (UTC, as due dates are stored: the end of that day). */
export function isPastDueDate(value: string, now = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return value < now.toISOString().slice(0, 10);
}

export function pastDueDateQuestion(value: string): string {
  return `The due date ${value} has already passed. Open the case with a due date in the past?`;
}
