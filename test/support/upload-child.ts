// A process that uploads evidence through the server's own upload path from an endless source,
// for the crash test to kill with SIGKILL mid-stream.
import { Readable } from "node:stream";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { stageEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { db } from "@/lib/db/client";

const [caseId, userId] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } });
let sent = 0;
async function* endless(): AsyncIterable<Uint8Array> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  for (;;) {
    sent += chunk.length;
    // Past the store's write buffer (4 MiB), so bytes have reached the temporary on disk.
    if (sent === 160 * chunk.length) process.stdout.write("STREAMING\n");
    yield chunk;
    await new Promise((r) => setTimeout(r, 2));
  }
}
const file = await stageEvidenceFile(Readable.from(endless()), { filename: "endless.txt", mimeType: "text/plain" });
await uploadEvidence({ actor: user, requestId: "crash-test", ip: null }, caseId, file, { kind: "DOCUMENT", title: "never finishes" });
