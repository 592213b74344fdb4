import { conformance } from "./suite.ts";

conformance("deno", "hono-deno.ts", { frameCap: null });
