"use client";
// Admin → Distillation settings: the flag threshold and the reasoning phrases (one a line), with
// the limits of the shared schema (distillation-settings-input.ts) and the documented defaults;
// saving or resetting asks first, since every case's analysis is recomputed.
import { useActionState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { SettingsActionPanel } from "@/components/admin/settings-action-panel";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";
import { MAX_PHRASES, PHRASE_MAX_LENGTH, PHRASE_MIN_LENGTH, THRESHOLD_MAX, THRESHOLD_MIN } from "@/lib/distillation/distillation-settings-input";
import type { DistillationSettingsView } from "@/lib/distillation/update-distillation-settings";

type Props = { action: FormAction; reset: FormAction; settings: DistillationSettingsView };

const RECOMPUTE = "Every case's distillation analysis is recomputed with the new settings in the background; until then its page says the analysis is being computed.";

export function DistillationSettingsForm({ action, reset, settings }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const e = state.fieldErrors ?? {};
  // The key also follows the saved values, so a reset (the other form) shows the defaults at once.
  const isDefault = settings.thresholdIsDefault && settings.phrasesAreDefault;
  return (
    <div className="space-y-4">
      <Panel title="Score and phrases" id="distillation-settings">
        <form key={`${formKey}:${settings.threshold}:${settings.phrases.join("|")}`} ref={formRef} action={formAction} noValidate className="space-y-4">
          <FormAlert state={state} />
          <Field
            name="threshold"
            label="Flag threshold"
            errors={e.threshold}
            idPrefix="distillation"
            hint={`An account whose distillation score (0–100) is at or above this is flagged. From ${THRESHOLD_MIN} to ${THRESHOLD_MAX}; the documented default is ${settings.defaultThreshold}${settings.thresholdIsDefault ? " (in use)" : ""}.`}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode="decimal"
                min={THRESHOLD_MIN}
                max={THRESHOLD_MAX}
                step="any"
                required
                defaultValue={valueOf(state.values, "threshold", String(settings.threshold))}
                className={`${inputClass} max-w-32`}
              />
            )}
          </Field>
          <Field
            name="phrases"
            label="Reasoning phrases"
            errors={e.phrases}
            idPrefix="distillation"
            hint={`One phrase a line, ${PHRASE_MIN_LENGTH} to ${PHRASE_MAX_LENGTH} characters, at most ${MAX_PHRASES}. A prompt containing any of them (ignoring case) counts as asking for step-by-step reasoning or a worked solution. Spaces around a phrase, empty lines and repeats are dropped. ${settings.phrasesAreDefault ? "The documented default list is in use." : `The documented default list has ${settings.defaultPhrases.length} phrases.`}`}
          >
            {(c) => (
              <textarea
                {...c}
                rows={12}
                required
                spellCheck={false}
                defaultValue={valueOf(state.values, "phrases", settings.phrases.join("\n"))}
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
          <p className="text-sm text-slate-700">{RECOMPUTE}</p>
          <SubmitButton pendingLabel="Saving…" confirm={`Save the distillation settings? ${RECOMPUTE}`}>
            Save
          </SubmitButton>
        </form>
      </Panel>
      <SettingsActionPanel title="Defaults" id="distillation-defaults" action={reset}>
        <p className="text-sm text-slate-700">
          {isDefault
            ? "The documented defaults are in use."
            : `Reset the threshold to ${settings.defaultThreshold} and the phrases to the ${settings.defaultPhrases.length} documented defaults.`}
        </p>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">The default phrases</summary>
          <ul className="mt-2 columns-2 font-mono text-xs text-slate-700 sm:columns-3">
            {settings.defaultPhrases.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
        <SubmitButton variant="secondary" pendingLabel="Resetting…" confirm={`Reset the distillation settings to the defaults? ${RECOMPUTE}`}>
          Reset to defaults
        </SubmitButton>
      </SettingsActionPanel>
    </div>
  );
}
