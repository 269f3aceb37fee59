import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { handleAuthRequest } from "@/lib/auth/sso-request";

const nextAuth = NextAuth(authOptions());

// Wrapped so single sign-on failures are audited and explained on the login page (lib/auth/sso-request.ts).
function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return handleAuthRequest(req, () => nextAuth(req, ctx));
}

export { handler as GET, handler as POST };
