import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WebhookDeliveryTable } from "@/components/admin/webhook-delivery-table";
import { WebhookSettingsForm } from "@/components/admin/webhook-settings-form";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/access/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { webhookConfig } from "@/lib/webhooks/webhook-config";
import { listRecentWebhookDeliveries } from "@/lib/webhooks/webhook-deliveries";
import { redeliverWebhookAction, saveWebhookSettingsAction, sendTestWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage() {
  const actor = await requireUser();
  if (!can(actor.role, "users:manage")) notFound();
  const [config, deliveries] = await Promise.all([webhookConfig(), listRecentWebhookDeliveries(actor)]);
  return (
    <>
      <PageHeader
        title="Outbound webhook"
        description="Executed and reversed access revocations are POSTed as signed JSON (X-Lantern-Signature: t=…,v1=HMAC-SHA256 of “t.body”; see the README), retried with backoff until the receiver answers 2xx."
        actions={
          <form action={sendTestWebhookAction}>
            <button type="submit" disabled={!config.url || !config.secret} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50">
              Send a test event
            </button>
          </form>
        }
      />
      <div className="space-y-6">
        <WebhookSettingsForm
          action={saveWebhookSettingsAction}
          url={config.urlSource === "settings" || config.urlSource === "env" ? config.url ?? "" : ""}
          urlFromEnv={config.urlSource === "env"}
          secretSet={config.secretSource !== null}
          secretFromEnv={config.secretSource === "env"}
        />
        <section aria-label="Recent deliveries">
          <h2 className="mb-2 text-lg font-semibold">Recent deliveries</h2>
          <WebhookDeliveryTable deliveries={deliveries} redeliver={redeliverWebhookAction} />
        </section>
      </div>
    </>
  );
}
