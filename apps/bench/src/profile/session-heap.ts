// What one idle counter session holds, by kind of object, through a real endpoint with fake
// connections. Run: pnpm --filter @lucent/bench profile:session [count]
import { createEndpoint } from "@lucent/server";
import { counterApp } from "../lib/apps.ts";
import { heapPerItem } from "../lib/heap.ts";
import { newSessionJoin } from "../lib/lucent-client.ts";

const count = Number(process.argv[2] ?? 2000);
const endpoint = createEndpoint({ app: counterApp, graceMs: 600_000 });
const held: unknown[] = [];
const open = (n: number) => {
  for (let i = 0; i < n; i++) {
    const handler = endpoint.connect(
      { send: () => {}, close: () => {} },
      { url: "ws://127.0.0.1/counter/__lucent" },
    );
    handler.message(newSessionJoin());
    held.push(handler);
  }
};
open(200);
const { total, kinds } = await heapPerItem(count, open);
console.log(`~${total.toFixed(0)} B of heap per session over ${count} sessions`);
for (const k of kinds.slice(0, 30)) {
  console.log(
    `${k.bytes.toFixed(0).padStart(6)} B ${k.objects.toFixed(1).padStart(6)} objects  ${k.kind}`,
  );
}
endpoint.shutdown();
