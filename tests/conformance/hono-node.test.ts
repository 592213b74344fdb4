import { conformance } from "./suite.ts";

conformance("node", "hono-node.ts");
