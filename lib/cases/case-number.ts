// Case numbers LAN-YYYY-NNNN: the per-year counter is bumped inside the creating transaction, so a
// rolled-back create gives its number back and numbers stay unique and gap-free.
import type { Tx } from "@/lib/db/client";

export async function nextCaseNumber(tx: Tx, now = new Date()): Promise<string> {
  const year = now.getUTCFullYear();
  const counter = await tx.caseCounter.upsert({
    where: { year },
    create: { year, lastSeq: 1 },
    update: { lastSeq: { increment: 1 } },
    select: { lastSeq: true },
  });
  return `LAN-${year}-${String(counter.lastSeq).padStart(4, "0")}`;
}
