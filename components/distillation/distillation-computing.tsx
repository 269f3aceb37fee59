"use client";
// The distillation page while a distillation.refresh job computes the case's analysis (decision
// 0016, "Computed ahead"): what is being computed and since when, instead of a request that waits
// seconds to tens of seconds. It refreshes the page every two seconds (the server decides again
// each time), so the scores appear once the job has stored them, as the ingest progress follows its run.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { formatCount, formatDateTime } from "@/components/format";

const POLL_MS = 2_000;

const STATUS_TEXT = { QUEUED: "queued", RUNNING: "computing", FAILED: "failed once, retrying" } as const;

type Props = { runs: number; status: keyof typeof STATUS_TEXT; requestedAt: string };

export function DistillationComputing({ runs, status, requestedAt }: Props) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <section role="status" aria-live="polite" className="rounded-md border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900 shadow-sm">
      <h2 className="font-semibold">Analysis being computed — {runs === 1 ? "1 run" : `${formatCount(runs)} runs`}, {status === "FAILED" ? "next try" : "requested"} at {formatDateTime(requestedAt)}</h2>
      <p className="mt-1">
        The scores and clusters of this case are computed in the background ({STATUS_TEXT[status]}) after an ingest run ends or the
        parameters change. This page refreshes itself and shows them when they are ready; the charts below are already current.
      </p>
    </section>
  );
}
