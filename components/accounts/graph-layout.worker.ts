// The link graph's layout, off the main thread: one request in, one set of positions out.
import { computeLayout, type LayoutRequest } from "@/components/accounts/graph-layout";

type Request = LayoutRequest & { seq: number };

self.onmessage = (event: MessageEvent<Request>) => {
  const { seq, ...request } = event.data;
  try {
    const positions = computeLayout(request);
    (self as unknown as Worker).postMessage({ seq, positions }, [positions.buffer]);
  } catch (e) {
    (self as unknown as Worker).postMessage({ seq, error: e instanceof Error ? e.message : String(e) });
  }
};
