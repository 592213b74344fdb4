import extras from "./extras.ts";
import { provideExtras } from "./lazy.ts";

export { applyPatch } from "./apply-patch.ts";
export { buildNode, childNamespace } from "./build-node.ts";
export { runCommands } from "./commands.ts";
export { defineLucentView } from "./define.ts";
export { createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
export { defineHook, type Hook, type HookContext } from "./hooks.ts";
export { LucentView } from "./lucent-view.ts";
export { isPatchMismatch, type PatchMismatch } from "./patch-mismatch.ts";
export type { ConnectionState } from "./session.ts";

// The package is one module: it includes the extras rather than loading them beside itself.
provideExtras(extras);
