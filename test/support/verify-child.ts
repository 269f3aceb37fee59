// A process that verifies a case file uploaded from an endless source, for the crash test of
// lib/export/verify-temporaries.test.ts to kill with SIGKILL mid-upload.
import { verifyUploadedCaseFile } from "@/lib/export/verify-uploaded-case-file";

let sent = 0;
const chunk = new Uint8Array(64 * 1024).fill(0x61);
const endless = new ReadableStream<Uint8Array>({
  async pull(controller) {
    sent += chunk.length;
    controller.enqueue(chunk);
    if (sent === 64 * chunk.length) process.stdout.write("STREAMING\n");
    await new Promise((r) => setTimeout(r, 2));
  },
});
await verifyUploadedCaseFile({ id: "crash-test", email: "crash@example.test", name: "Crash", role: "INVESTIGATOR" }, endless, null);
