import { MIN_FRAME_BYTES } from "@lucent/server";
import { conformance } from "./suite.ts";

conformance("node", "express.ts", { frameCap: MIN_FRAME_BYTES });
