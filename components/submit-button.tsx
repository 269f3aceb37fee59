"use client";
// A submit button that shows the pending state of its form and can ask for confirmation first.
import type { MouseEvent, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/form-styles";

type Props = {
  children: ReactNode;
  pendingLabel?: string;
  /** When set, window.confirm(confirm) must be accepted before the form is submitted. */
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
    if (confirm && !window.confirm(confirm)) event.preventDefault();
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
