"use server";
import { refresh } from "next/cache";
import { requireRequestContext } from "@/lib/auth/current-user";
import { markNotificationsRead } from "@/lib/notifications/inbox";

export async function markReadAction(form: FormData): Promise<void> {
  const ctx = await requireRequestContext();
  const id = String(form.get("id") ?? "");
  await markNotificationsRead(ctx, id === "all" ? "all" : [id]);
  refresh();
}
