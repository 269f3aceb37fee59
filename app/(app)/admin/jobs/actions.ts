"use server";
import { refresh } from "next/cache";
import { requireRequestContext } from "@/lib/auth/current-user";
import { retryJob } from "@/lib/jobs/list-jobs";

export async function retryJobAction(form: FormData): Promise<void> {
  const ctx = await requireRequestContext();
  await retryJob(ctx, String(form.get("jobId") ?? ""));
  refresh();
}
