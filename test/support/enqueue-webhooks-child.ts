// Writes N webhook deliveries into the database of LANTERN_DATA_DIR through the outbox (as a
// transition would), for the kill test, and prints their delivery ids as JSON.
import { db } from "@/lib/db/client";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";

const count = Number(process.argv[2] ?? 1);
const ids: string[] = [];
for (let i = 0; i < count; i++) {
  const { deliveryId } = await db().$transaction((tx) =>
    enqueueWebhook(tx, "action.executed", { actionId: `kill-test-${i}`, targets: [{ kind: "ACCOUNT", value: `acct-${i}` }] }),
  );
  ids.push(deliveryId);
}
await db().$disconnect();
process.stdout.write(JSON.stringify(ids) + "\n");
