"use server";
import { defineFormSubmit } from "@/components/form-action";
import { markNotificationsRead } from "@/lib/notifications/inbox";

export const markReadAction = defineFormSubmit((ctx, form) => {
  const id = String(form.get("id") ?? "");
  return markNotificationsRead(ctx, id === "all" ? "all" : [id]);
});
