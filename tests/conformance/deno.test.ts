import { conformance } from "./suite.ts";

conformance("deno", "deno.ts", { frameCap: null });
