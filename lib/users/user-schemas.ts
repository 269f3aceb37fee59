import { z } from "zod";
import { ROLES } from "@/lib/auth/actor";

export const ZRole = z.enum(ROLES);
export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address"));
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

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "is required").max(200),
});
