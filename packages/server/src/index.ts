export { createRoot, diffView, mountView, retire } from "./diff/diff.ts";
export { createHandlerRegistry, type HandlerRegistry, type Resolution } from "./diff/handlers.ts";
export { type LiveElement, type LiveNode, toWire } from "./diff/live.ts";
export { renderChildren, VOID_ELEMENTS } from "./render/html.ts";
export {
  type EventOptions,
  type EventSpec,
  type InputPayload,
  type KeyPayload,
  on,
  type SubmitPayload,
} from "./view/events.ts";
export {
  type AttributeValue,
  type ClassValue,
  type EventProp,
  h,
  type KnownEventProps,
  type Props,
  raw,
  type StyleValue,
} from "./view/h.ts";
export {
  type Child,
  type ElementNode,
  type EventHandler,
  type FragmentNode,
  fragment,
  type Handler,
  type MapNode,
  type MemoNode,
  map,
  memo,
  type Node,
  NodeKind,
  type TextNode,
  text,
  toNodes,
} from "./view/node.ts";
