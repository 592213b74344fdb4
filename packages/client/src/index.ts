export { applyPatch } from "./apply-patch.ts";
export { buildNode, childNamespace } from "./build-node.ts";
export { defineLucentView } from "./define.ts";
export { createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
export { LucentView } from "./lucent-view.ts";
export { isPatchMismatch, type PatchMismatch } from "./patch-mismatch.ts";
export type { ConnectionState } from "./session.ts";
