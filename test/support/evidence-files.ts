// Evidence files made at test time: staged through the same path an upload takes.
import { Readable } from "node:stream";
import { stageEvidenceFile } from "@/lib/evidence/stage-evidence-file";

export const PNG_1PX = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export function apiLogLines(n: number): Buffer {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), account_id: `acct-${i % 7}`, model: "frontier-1", prompt_tokens: 100 + i, completion_tokens: 900 }),
  );
  return Buffer.from(lines.join("\n") + "\n");
}

export function stageBytes(bytes: Buffer, filename: string, mimeType = "application/octet-stream") {
  return stageEvidenceFile(Readable.from([bytes]), { filename, mimeType });
}
