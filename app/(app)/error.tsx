"use client";
// Unexpected errors in any signed-in page. The message is generic; the digest matches the server log.
import Link from "next/link";
import { useEffect } from "react";
import { buttonClass } from "@/components/form-styles";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-md border border-red-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm text-slate-600">
        The page could not be shown. Try again; if it keeps failing, report it{digest ? ` with reference ${digest}` : ""}.
      </p>
      <div className="mt-4 flex justify-center gap-2">
        <button type="button" onClick={() => retry()} className={buttonClass()}>Try again</button>
        <Link href="/cases" className={buttonClass("secondary")}>Go to cases</Link>
      </div>
    </div>
  );
}
