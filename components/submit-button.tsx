"use client";
// A submit button that shows the pending state of its form and can ask for confirmation first.
import type { MouseEvent, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/form-styles";

type Props = {
  children: ReactNode;
  pendingLabel?: string;
  /** When set, window.confirm(confirm) must be accepted before a valid form is submitted. */
  confirm?: string;
  variant?: Parameters<typeof buttonClass>[0];
  size?: Parameters<typeof buttonClass>[1];
  name?: string;
  value?: string;
  className?: string;
};

export function SubmitButton({ children, pendingLabel, confirm, variant, size, name, value, className }: Props) {
  const { pending } = useFormStatus();
  function onClick(event: MouseEvent<HTMLButtonElement>) {
    if (!confirm) return;
    // A form that is not filled in yet is not asked about: it goes to the server unconfirmed, which
    // refuses it and names the missing field (forms here are noValidate, so the browser is silent).
    if (event.currentTarget.form && isIncomplete(event.currentTarget.form)) return;
    if (!window.confirm(confirm)) event.preventDefault();
  }
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending || undefined}
      onClick={onClick}
      className={`${buttonClass(variant, size)} ${className ?? ""}`}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** Whether a form's own constraints already fail: checkValidity(), plus minlength, which browsers
 *  check only on values the user typed (a pasted or restored value passes it). */
function isIncomplete(form: HTMLFormElement): boolean {
  if (!form.checkValidity()) return true;
  return [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[minlength], textarea[minlength]")].some(
    (el) => !el.disabled && el.value.trim().length < el.minLength && (el.required || el.value.length > 0),
  );
}
