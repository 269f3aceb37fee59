import { z } from "zod";
import { ROLES } from "@/lib/access/actor";
import { ZEmail } from "@/lib/auth/sign-in-schema";

export const ZRole = z.enum(ROLES);
export const ZPassword = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(200, "must be at most 200 characters");

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  role: ZRole,
  password: ZPassword,
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({
  role: ZRole.optional(),
  disabled: z.boolean().optional(),
});
