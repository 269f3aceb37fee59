// Case numbers: LAN-YYYY-NNNN for normal cases, LAN-R-YYYY-NNNN for cases created restricted. Each series
// has its own per-year counter, so a gap in the normal series never reveals that a hidden case exists
// (a case restricted later keeps the number it was given). The counter is bumped inside the creating
// transaction, so a rolled-back create gives its number back and numbers stay unique and gap-free.
import type { Tx } from "@/lib/db/client";

export function formatCaseNumber(year: number, restricted: boolean, seq: number): string {
  return `LAN-${restricted ? "R-" : ""}${year}-${String(seq).padStart(4, "0")}`;
}

export async function nextCaseNumber(tx: Tx, restricted: boolean, now = new Date()): Promise<string> {
  const year = now.getUTCFullYear();
  const counter = await tx.caseCounter.upsert({
    where: { year_restricted: { year, restricted } },
    create: { year, restricted, lastSeq: 1 },
    update: { lastSeq: { increment: 1 } },
    select: { lastSeq: true },
  });
  return formatCaseNumber(year, restricted, counter.lastSeq);
}
