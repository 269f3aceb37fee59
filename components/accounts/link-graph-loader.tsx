"use client";
// Loads the link graph (cytoscape, its layout worker) only on the pages that render this loader.
import dynamic from "next/dynamic";

export const LinkGraphLoader = dynamic(() => import("@/components/accounts/link-graph").then((m) => m.LinkGraph), {
  ssr: false,
  loading: () => (
    <div className="flex h-40 items-center justify-center rounded-md border border-slate-200 bg-white text-sm text-slate-500">
      Loading the graph…
    </div>
  ),
});
