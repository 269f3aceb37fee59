// A corrected file keeps what was said about the one it replaces: the description and source of
// the superseded item fill those fields when the upload leaves them empty.
import type { Tx } from "@/lib/db/client";

export async function withSupersededDefaults(tx: Tx, supersedesId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  if (!blank(fields.description) && !blank(fields.source)) return fields;
  // Whether the item may be superseded from this case is checked before anything is stored.
  const old = await tx.evidence.findUnique({ where: { id: supersedesId }, select: { description: true, source: true } });
  if (!old) return fields;
  return {
    ...fields,
    ...(blank(fields.description) && old.description && { description: old.description }),
    ...(blank(fields.source) && old.source && { source: old.source }),
  };
}
