"use client";
// The second factor on the profile page (and on the page a user who must enrol is held on): set up
// (QR code and secret, confirmed with a current code, then the recovery codes shown once), or
// turn off (a current code, a recovery code or the password).
import { useActionState } from "react";
import { idleState, type ActionState, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type EnrolmentState = ActionState & { recoveryCodes?: string[] };

type Props = {
  status: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
  pending: { secret: string; qrSvg: string } | null;
  required: boolean;
  doneHref: string;
  startAction: FormAction;
  confirmAction: FormAction<EnrolmentState>;
  disableAction: FormAction;
};

export function SecondFactorPanel({ status, pending, required, doneHref, startAction, confirmAction, disableAction }: Props) {
  const [startState, start] = useActionState(startAction, idleState);
  const [confirmState, confirm] = useActionState(confirmAction, idleState as EnrolmentState);
  const [disableState, disable] = useActionState(disableAction, idleState);
  useFormFeedback(disableState);

  if (confirmState.recoveryCodes) {
    return (
      <Panel title="Second factor" id="second-factor">
        <div className="space-y-3">
          <p role="status" className="font-medium text-green-800">Second factor enabled.</p>
          <p className="text-sm text-slate-700">
            Keep these recovery codes somewhere safe. Each signs you in once if you lose your device. They are shown only now.
          </p>
          <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {confirmState.recoveryCodes.map((c) => <li key={c}>{c}</li>)}
          </ol>
          <a href={doneHref} className="inline-block rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
            I have saved my recovery codes
          </a>
        </div>
      </Panel>
    );
  }

  if (status.enabled) {
    return (
      <Panel title="Second factor" id="second-factor">
        <p className="mb-3 text-sm text-slate-700">
          On since {status.enabledAt ? new Date(status.enabledAt).toLocaleDateString() : "—"}; {status.recoveryCodesLeft} recovery codes left.
          {required ? " Your account must keep one: turning it off sends you back to set it up." : ""}
        </p>
        <form action={disable} noValidate className="space-y-3">
          <FormAlert state={disableState} />
          <Field name="code" label="Current code or recovery code" errors={disableState.fieldErrors?.code} idPrefix="disable" hint="Or leave empty and give your password.">
            {(c) => <input {...c} autoComplete="one-time-code" className={inputClass} />}
          </Field>
          <Field name="password" label="Password" errors={disableState.fieldErrors?.password} idPrefix="disable">
            {(c) => <input {...c} type="password" autoComplete="current-password" className={inputClass} />}
          </Field>
          <SubmitButton variant="danger" pendingLabel="Turning off…">Turn off second factor</SubmitButton>
        </form>
      </Panel>
    );
  }

  return (
    <Panel title="Second factor" id="second-factor">
      {required && <p className="mb-3 text-sm font-medium text-amber-800">Your account needs a second factor before you can go on.</p>}
      {pending ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">Scan this QR code with an authenticator app (or type the secret in), then enter the code it shows.</p>
          {/* The SVG is made on the server by the qrcode package from our own otpauth URI. */}
          <div role="img" aria-label="QR code of the authenticator secret" className="h-48 w-48" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
          <p className="text-sm">Secret: <code data-testid="totp-secret" className="break-all font-mono">{pending.secret}</code></p>
          <form action={confirm} noValidate className="space-y-3">
            <FormAlert state={confirmState} />
            <Field name="code" label="Code from the app" errors={confirmState.fieldErrors?.code} idPrefix="enrol">
              {(c) => <input {...c} required inputMode="numeric" autoComplete="one-time-code" className={inputClass} />}
            </Field>
            <SubmitButton pendingLabel="Checking…">Turn on second factor</SubmitButton>
          </form>
        </div>
      ) : (
        <form action={start} className="space-y-3">
          <FormAlert state={startState} />
          <p className="text-sm text-slate-700">Sign-in will ask for a code from an authenticator app after your password.</p>
          <SubmitButton pendingLabel="Preparing…">Set up second factor</SubmitButton>
        </form>
      )}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- next-auth's sign-out route, not a page */}
      {required && <p className="mt-3 text-sm"><a href="/api/auth/signout" className="underline">Sign out</a></p>}
    </Panel>
  );
}
