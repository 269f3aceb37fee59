// The answer for any address that matches no page: inside the app's own frame (header and
// navigation) for a signed-in user, with a way back; a plain page with a sign-in link otherwise.
import type { Metadata } from "next";
import Link from "next/link";
import AppLayout from "@/app/(app)/layout";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/form-styles";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  if (!(await currentUser())) {
    return (
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <EmptyState level={1} title="Page not found" action={<Link href="/login" className={buttonClass("secondary")}>Sign in</Link>}>
          There is no page at this address.
        </EmptyState>
      </main>
    );
  }
  return (
    <AppLayout>
      <EmptyState level={1} title="Page not found" action={<Link href="/cases" className={buttonClass("secondary")}>Back to cases</Link>}>
        There is no page at this address. It may have moved, or the link may be mistyped.
      </EmptyState>
    </AppLayout>
  );
}
