// A case cannot close while it has an action that is not final. Reads the Action table's `open`
// column (kept by lib/actions on every move), so cases need not import lib/actions, which imports cases.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function assertNoOpenActions(tx: Tx, caseId: string): Promise<void> {
  const open = await tx.action.findMany({
    where: { caseId, open: true },
    select: { id: true, type: true, status: true },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  if (!open.length) return;
  const names = open.map((a) => `${a.type === "ACCESS_REVOCATION" ? "access revocation" : "national-security review"} ${a.id} (${a.status.replaceAll("_", " ").toLowerCase()})`);
  throw new AppError("ILLEGAL_TRANSITION", `The case cannot close while it has open actions: ${names.join(", ")}. Finish or close them first.`, {
    openActions: open,
  });
}
