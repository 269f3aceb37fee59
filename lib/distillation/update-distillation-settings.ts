// Admin → Distillation settings: the flag threshold and the reasoning phrases an admin sets over
// the documented defaults (distillation-settings.ts). Admin only, checked here before the input is
// read; validated by ZDistillationSettingsInput; written through writeDistillationSettings, so the
// change is audited (settings.update, old and new values) and every case with a completed run gets
// a distillation.refresh job, all in one transaction.
import type { RequestContext } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { DEFAULT_REASONING_PHRASES, DEFAULT_THRESHOLD, distillationOptionsOf, PHRASES_SETTING, readDistillationSettingRows, THRESHOLD_SETTING } from "@/lib/distillation/distillation-settings";
import { ZDistillationSettingsInput } from "@/lib/distillation/distillation-settings-input";
import { writeDistillationSettings } from "@/lib/distillation/refresh-distillation";
import { parseInput } from "@/lib/validation";

export type DistillationSettingsView = {
  threshold: number;
  phrases: readonly string[];
  thresholdIsDefault: boolean;
  phrasesAreDefault: boolean;
  defaultThreshold: number;
  defaultPhrases: readonly string[];
};

/** The values in force (stored ones over the defaults) and whether each is the default. */
export async function readDistillationSettings(ctx: RequestContext): Promise<DistillationSettingsView> {
  assertCan(ctx.actor, "users:manage", "Only an admin can see the distillation settings");
  // One read of the rows: both the values in force and whether each is set come from it.
  const stored = await readDistillationSettingRows();
  const options = distillationOptionsOf(stored);
  return {
    threshold: options.threshold,
    phrases: options.reasoningPhrases,
    thresholdIsDefault: stored[THRESHOLD_SETTING] === undefined,
    phrasesAreDefault: stored[PHRASES_SETTING] === undefined,
    defaultThreshold: DEFAULT_THRESHOLD,
    defaultPhrases: DEFAULT_REASONING_PHRASES,
  };
}

export async function updateDistillationSettings(ctx: RequestContext, input: unknown): Promise<void> {
  assertCan(ctx.actor, "users:manage", "Only an admin can change the distillation settings");
  const data = parseInput(ZDistillationSettingsInput, input);
  await writeDistillationSettings(ctx, { threshold: String(data.threshold), reasoningPhrases: data.phrases.join("\n") });
}

/** Clears both settings, so the documented defaults apply again. */
export async function resetDistillationSettings(ctx: RequestContext): Promise<void> {
  assertCan(ctx.actor, "users:manage", "Only an admin can change the distillation settings");
  await writeDistillationSettings(ctx, { threshold: null, reasoningPhrases: null });
}
