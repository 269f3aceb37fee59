"use client";
// Toasts for success messages: useToast() from client components, <FlashToast> for a message
// carried across a redirect in the `toast` query parameter.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

type Toast = { id: number; message: string; tone: "success" | "error" };
const ToastContext = createContext<(message: string, tone?: Toast["tone"]) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, tone: Toast["tone"] = "success") => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t, { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 5000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div aria-live="polite" role="status" className="fixed right-4 bottom-4 z-50 flex flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            className={`rounded-md px-4 py-2 text-sm text-white shadow-lg ${t.tone === "success" ? "bg-emerald-700" : "bg-red-700"}`}
          >
            {t.message}
          </div>
        ))}
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
