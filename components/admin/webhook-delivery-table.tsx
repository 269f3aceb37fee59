import { Badge, type Tone } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/components/format";
import type { WebhookDeliveryView } from "@/lib/webhooks/webhook-deliveries";

const TONE: Record<WebhookDeliveryView["status"], Tone> = { PENDING: "amber", DELIVERED: "emerald", DEAD: "red" };

/** The delivery log: status, attempts with their answers, the next try; redeliver for admins. */
export function WebhookDeliveryTable({ deliveries, redeliver }: { deliveries: WebhookDeliveryView[]; redeliver?: (form: FormData) => Promise<void> }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">No webhook deliveries yet.</p>;
  return (
    <DataTable
      caption="Webhook deliveries"
      head={
        <>
          <th scope="col" className="px-3 py-2 text-left font-medium">Event</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Attempts</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Next try</th>
          {redeliver && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}
        </>
      }
    >
      {deliveries.map((d) => (
        <tr key={d.id}>
          <td className="px-3 py-2">
            <div className="font-mono text-xs">{d.event}</div>
            <div className="font-mono text-xs text-slate-500">{d.id}</div>
            <div className="text-xs text-slate-500">{formatDateTime(d.createdAt)}</div>
          </td>
          <td className="px-3 py-2"><Badge tone={TONE[d.status]}>{d.status.toLowerCase()}</Badge></td>
          <td className="px-3 py-2 text-xs">
            <ol className="space-y-0.5">
              {d.log.map((a) => (
                <li key={a.attempt}>
                  #{a.attempt} {formatDateTime(a.at)} — {a.statusCode ?? "no answer"}{a.error && a.statusCode === null ? ` (${a.error})` : ""} · {a.durationMs} ms
                </li>
              ))}
            </ol>
          </td>
          <td className="px-3 py-2 whitespace-nowrap text-xs">{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "—"}</td>
          {redeliver && (
            <td className="px-3 py-2 text-right">
              {d.status !== "PENDING" && (
                <form action={redeliver}>
                  <input type="hidden" name="deliveryId" value={d.id} />
                  <button type="submit" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">Redeliver</button>
                </form>
              )}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
