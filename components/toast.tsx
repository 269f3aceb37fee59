"use client";
// Toasts for success messages: useToast() from client components, <FlashToast> for a message
// carried across a redirect in the `toast` query parameter. One toast at a time (a new one
// replaces the last), shown only on the page it was raised on, dismissable, announced through a
// live region that is always in the page, and followed by a spacer of its height at the end of
// the page, so the last controls can always be scrolled clear of it.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

type Toast = { id: number; message: string; tone: "success" | "error"; path: string };
const ToastContext = createContext<(message: string, tone?: Toast["tone"]) => void>(() => {});

const TOAST_MS = 6000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const pathname = usePathname() ?? "/";
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const dismiss = useCallback(() => {
    clearTimeout(timer.current);
    setToast(null);
  }, []);
  const show = useCallback((message: string, tone: Toast["tone"] = "success") => {
    clearTimeout(timer.current);
    // The page it belongs to, read when it is raised: a flash toast is raised on the page it was carried to.
    setToast({ id: Date.now() + Math.random(), message, tone, path: window.location.pathname });
    timer.current = setTimeout(() => setToast(null), TOAST_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  const visible = toast && toast.path === pathname ? toast : null;
  return (
    <ToastContext.Provider value={show}>
      {children}
      {visible && <div aria-hidden="true" className="h-20" />}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-end">
        {visible && (
          <div
            key={visible.id}
            data-testid="toast"
            className={`pointer-events-auto flex max-w-sm items-start gap-3 rounded-md py-2 pr-2 pl-4 text-sm text-white shadow-lg ${visible.tone === "success" ? "bg-emerald-800" : "bg-red-800"}`}
          >
            <span className="py-0.5">{visible.message}</span>
            <button type="button" onClick={dismiss} aria-label="Dismiss notification" className="rounded px-1.5 py-0.5 hover:bg-white/20 focus:bg-white/20">
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

const EMPTY_PARAMS = new URLSearchParams();

export function FlashToast() {
  // Never null in the App Router; typed nullable because the project also has a pages/ folder.
  const params = useSearchParams() ?? EMPTY_PARAMS;
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const toast = useToast();
  const message = params.get("toast");
  useEffect(() => {
    if (!message) return;
    toast(message);
    const rest = new URLSearchParams(params);
    rest.delete("toast");
    router.replace(rest.size ? `${pathname}?${rest}` : pathname, { scroll: false });
  }, [message, params, pathname, router, toast]);
  return null;
}
