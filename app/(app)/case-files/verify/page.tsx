import type { Metadata } from "next";
import { linkClass } from "@/components/form-styles";
import { VerifyCaseFileForm } from "@/components/export/verify-case-file-form";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Verify a case file" };

export default async function VerifyCaseFilePage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Verify a case file"
        description="Checks a case file exported from Lantern: the signature of its manifest by this instance's key, and the size and SHA-256 of every file in it. Each missing, extra or altered file is named."
      />
      <VerifyCaseFileForm maxBytes={env().LANTERN_VERIFY_MAX_BYTES} />
      <p className="mt-6 text-sm text-slate-600">
        Without Lantern: <code>npm run verify-export -- case.zip --key key.pem</code>, or the openssl and sha256sum commands in the README. The public key is at{" "}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- an API route (a download), not a page */}
        <a className={linkClass} href="/api/v1/signing-key">/api/v1/signing-key</a>.
      </p>
    </>
  );
}
