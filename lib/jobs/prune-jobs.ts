// Finished jobs are kept a while for the admin page, then deleted: succeeded ones after 7 days,
// dead ones after 30 (they may need a look and a retry first).
import { db } from "@/lib/db/client";

const DAY = 24 * 60 * 60_000;

export async function pruneFinishedJobs(now = new Date()): Promise<number> {
  const { count } = await db().job.deleteMany({
    where: {
      OR: [
        { status: "SUCCEEDED", finishedAt: { lt: new Date(now.getTime() - 7 * DAY) } },
        { status: "DEAD", finishedAt: { lt: new Date(now.getTime() - 30 * DAY) } },
      ],
    },
  });
  return count;
}
