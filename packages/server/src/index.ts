export type { ConnectInfo, Connection, ConnectionHandler } from "./connection/connection.ts";
export {
  createEndpoint,
  type Endpoint,
  type EndpointOptions,
  type RenderedView,
} from "./connection/endpoint.ts";
export { isOriginAllowed, ORIGIN_REFUSED } from "./connection/origin.ts";
export type { RateLimit } from "./connection/rate-limit.ts";
export { createRoot, diffView, mountView } from "./diff/diff.ts";
export { createHandlerRegistry, type HandlerRegistry, type Resolution } from "./diff/handlers.ts";
export { type LiveElement, type LiveNode, toWire } from "./diff/live.ts";
export { retire } from "./diff/retire.ts";
export { renderChildren, VOID_ELEMENTS } from "./render/html.ts";
export { type DocumentParts, renderDocument, viewElement } from "./render/page.ts";
export { type App, app, type ClientInfo, type Transition } from "./runtime/app.ts";
export {
  batch,
  delay,
  type Effect,
  emit,
  none,
  pushUrl,
  replaceUrl,
  task,
} from "./runtime/effect.ts";
export { createPubSub, type PubSub } from "./runtime/pubsub.ts";
export {
  createRuntime,
  type ErrorPhase,
  type Runtime,
  type RuntimeClient,
  type RuntimeOptions,
} from "./runtime/runtime.ts";
export { every, listen, type Subscription } from "./runtime/subscription.ts";
export {
  createSite,
  DEFAULT_MAX_FRAME_BYTES,
  type HttpResponse,
  type Lucent,
  MIN_FRAME_BYTES,
  type PageOptions,
  type ServeOptions,
  type Site,
  type SiteAction,
  type SitePage,
  type SiteRequest,
  type TransportOptions,
} from "./site/site.ts";
export { type Commands, js } from "./view/commands.ts";
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
  type DirtyElement,
  type ElementExtras,
  type ElementNode,
  type EventHandler,
  type FragmentNode,
  fragment,
  type Handler,
  type MapNode,
  type MemoNode,
  type MemoTemplate,
  map,
  memo,
  type Node,
  NodeKind,
  type TextNode,
  text,
  toNodes,
} from "./view/node.ts";
export { html, type TemplateValue } from "./view/template/html.ts";
