import { MIN_FRAME_BYTES } from "@lucent/server";
import { conformance } from "./suite.ts";

conformance("bun", "bun.ts", { frameCap: MIN_FRAME_BYTES });
