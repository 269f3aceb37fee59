"use server";
import { defineFormSubmit } from "@/components/form-action";
import { retryJob } from "@/lib/jobs/list-jobs";

export const retryJobAction = defineFormSubmit((ctx, form) => retryJob(ctx, String(form.get("jobId") ?? "")));
