// The one schema of Admin → Distillation settings (the flag threshold and the reasoning phrases),
// shared by the form (its limits) and updateDistillationSettings. Client-safe: no database here.
import { z } from "zod";
import "@/lib/validation";

/** The threshold's valid range: scores run from 0 to 100, and 0 would flag every account. */
export const THRESHOLD_MIN = 1;
export const THRESHOLD_MAX = 100;
export const PHRASE_MIN_LENGTH = 3;
export const PHRASE_MAX_LENGTH = 100;
export const MAX_PHRASES = 200;

/** One phrase a line: trimmed, lower-cased (matching ignores case), empty lines dropped, duplicates kept once in first-seen order. */
export function phrasesOf(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const phrase = line.trim().replace(/\s+/g, " ").toLowerCase();
    if (phrase) seen.add(phrase);
  }
  return [...seen];
}

const shown = (p: string) => `“${p.length > 40 ? `${p.slice(0, 40)}…` : p}”`;

export const ZDistillationSettingsInput = z.object({
  threshold: z.preprocess(
    (v) => (typeof v !== "string" ? v : v.trim() === "" ? undefined : /^[+-]?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v.trim()),
    z
      .number()
      .min(THRESHOLD_MIN, `must be between ${THRESHOLD_MIN} and ${THRESHOLD_MAX}`)
      .max(THRESHOLD_MAX, `must be between ${THRESHOLD_MIN} and ${THRESHOLD_MAX}`),
  ),
  phrases: z
    .string()
    .max(MAX_PHRASES * (PHRASE_MAX_LENGTH + 2), "is too long")
    .transform((text, ctx) => {
      const phrases = phrasesOf(text);
      if (phrases.length === 0) ctx.addIssue({ code: "custom", message: "must list at least one phrase (or reset to the defaults)" });
      if (phrases.length > MAX_PHRASES) ctx.addIssue({ code: "custom", message: `must list at most ${MAX_PHRASES} phrases (${phrases.length} given)` });
      for (const p of phrases) {
        if (p.length < PHRASE_MIN_LENGTH) ctx.addIssue({ code: "custom", message: `${shown(p)} is shorter than ${PHRASE_MIN_LENGTH} characters` });
        if (p.length > PHRASE_MAX_LENGTH) ctx.addIssue({ code: "custom", message: `${shown(p)} is longer than ${PHRASE_MAX_LENGTH} characters` });
      }
      return phrases;
    }),
});
export type TDistillationSettingsInput = z.input<typeof ZDistillationSettingsInput>;
