import { CUSTOM_FRAME_CAP } from "./fixtures/pages.ts";
import { conformance } from "./suite.ts";

conformance("bun", "bun.ts", { frameCap: CUSTOM_FRAME_CAP });
