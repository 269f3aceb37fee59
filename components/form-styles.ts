// Shared Tailwind classes for form controls and buttons (slate palette, rounded-md, small text).
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm " +
  "focus:border-slate-500 aria-invalid:border-red-600 aria-invalid:bg-red-50 disabled:bg-slate-100";

export const checkboxClass = "h-4 w-4 rounded border-slate-300 text-slate-900";

type Variant = "primary" | "secondary" | "danger" | "ghost";
type Size = "sm" | "md";

const variants: Record<Variant, string> = {
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-600",
  ghost: "text-slate-700 hover:bg-slate-100",
};

const sizes: Record<Size, string> = { sm: "px-2.5 py-1 text-xs", md: "px-3 py-1.5 text-sm" };

export function buttonClass(variant: Variant = "primary", size: Size = "md"): string {
  return `inline-flex items-center justify-center gap-1 rounded-md font-medium disabled:cursor-not-allowed disabled:opacity-60 ${variants[variant]} ${sizes[size]}`;
}

// Underlined, not only coloured: a link in running text must be told apart without colour (WCAG 1.4.1).
export const linkClass = "text-blue-700 underline decoration-blue-700/40 underline-offset-2 hover:decoration-blue-700";
