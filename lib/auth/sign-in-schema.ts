// What a sign-in form sends. Here rather than in lib/users so that auth never imports users
// (users imports auth for password hashing).
import { z } from "zod";

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address"));

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "is required").max(200),
  // The second factor (a TOTP code or a recovery code), asked once the password is right.
  code: z.string().trim().max(40).optional().transform((v) => v || undefined),
});
