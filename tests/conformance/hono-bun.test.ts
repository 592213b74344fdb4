import { conformance } from "./suite.ts";

conformance("bun", "hono-bun.ts");
