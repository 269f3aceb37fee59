import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lantern", template: "%s · Lantern" },
  description: "Case management for model-distillation investigations",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so it carries that request's CSP nonce (proxy.ts):
  // a page prerendered at build time would have scripts without one, which the browser refuses.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
