// A webhook receiver on loopback for tests: records every request (headers and raw body) and
// answers with whatever status the test's `answer` returns for it (or never, for "hang").
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { deliveryId: string; event: string; signature: string; body: string; status: number | "hang" };

export type Receiver = {
  url: string;
  received: Received[];
  answer: (r: Omit<Received, "status">) => number | "hang";
  close: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<Receiver> {
  const hanging = new Set<http.ServerResponse>();
  const receiver: Receiver = { url: "", received: [], answer: () => 200, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = {
        deliveryId: String(req.headers["x-lantern-delivery"] ?? ""),
        event: String(req.headers["x-lantern-event"] ?? ""),
        signature: String(req.headers["x-lantern-signature"] ?? ""),
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const status = receiver.answer(r);
      receiver.received.push({ ...r, status });
      if (status === "hang") hanging.add(res);
      else res.writeHead(status, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
