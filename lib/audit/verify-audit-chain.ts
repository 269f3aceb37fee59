// Walks the chain in order, recomputing every hash. Reports OK or the first broken event:
// an edited event (its hash no longer matches), a deleted one (a gap in seq, or a prevHash that
// does not match its predecessor).
import type { Db } from "@/lib/db/client";
import { eventHash, GENESIS_HASH } from "@/lib/audit/canonical";

export type ChainReport =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; brokenSeq: number; reason: string };

const BATCH = 2000;

export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(checked, expectedSeq, `event ${expectedSeq} is missing (next present is ${row.seq})`);
      }
      if (row.prevHash !== prevHash) {
        return broken(checked, row.seq, `event ${row.seq} does not follow event ${row.seq - 1}`);
      }
      const { hash, ...fields } = row;
      if (eventHash(fields) !== hash) {
        return broken(checked, row.seq, `event ${row.seq} was altered after it was recorded`);
      }
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) return { ok: true, events: checked, headHash: prevHash };
  }
}

function broken(events: number, brokenSeq: number, reason: string): ChainReport {
  return { ok: false, events, brokenSeq, reason };
}
