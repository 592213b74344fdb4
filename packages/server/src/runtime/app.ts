import type { Json } from "@lucent/protocol";
import type { Node } from "../view/node.ts";
import { type Effect, isEffect } from "./effect.ts";
import type { Subscription } from "./subscription.ts";

/**
 * What `init` and `update` return: a model, or a model and an effect to run. A model that is
 * itself an array needs its type written out (`init: (): Row[] => []`), or TypeScript may read an
 * array literal as the `[model, effect]` form.
 */
export type Transition<Model, Msg> = Model | readonly [Model, Effect<Msg>];

/** Who connected or left, for the lifecycle messages. */
export interface ClientInfo {
  /** Unique per connection within a runtime. */
  readonly id: string;
  /** The attributes of the client's `<lucent-view>` element when it joined. */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * A Lucent app: the Elm architecture. `update` and `view` are pure; effects and subscriptions
 * describe everything else. The message type is the type of `update`'s second parameter; the
 * other members are checked against it (`NoInfer`) rather than widening it.
 */
export interface App<Model, Msg, Flags = void> {
  init(flags: Flags): Transition<Model, Msg>;
  update(model: Model, message: Msg): Transition<Model, Msg>;
  view(model: Model): Node<Msg>;
  /** Sources the model listens to; re-evaluated after every update. */
  subscriptions?(model: Model): readonly Subscription<Msg>[];
  /** A message when a client attaches (or undefined for none). */
  onConnect?(client: ClientInfo): NoInfer<Msg> | undefined;
  /** A message when a client detaches (or undefined for none). */
  onDisconnect?(client: ClientInfo): NoInfer<Msg> | undefined;
  /**
   * Attributes of `<lucent-view>` the app observes: each becomes a message when a client joins
   * with it and whenever page code changes it (`null`: removed).
   */
  attributes?: { readonly [name: string]: (value: string | null) => NoInfer<Msg> | undefined };
  /** A message when the user goes back or forward in the history (`url` is absolute). */
  onUrlChange?(url: string): NoInfer<Msg> | undefined;
  /** A message from page JavaScript, sent with the element's `send(name, detail)`. */
  onMessage?(name: string, detail: Json): NoInfer<Msg> | undefined;
  /** The document's title for a model; sent to the browser whenever it changes. */
  title?(model: Model): string;
}

/**
 * Declares an app; an identity function that lets TypeScript infer `Model` and `Msg` once.
 *
 * @example
 * const counter = app({
 *   init: () => 0,
 *   update: (n, msg: "inc" | "dec") => (msg === "inc" ? n + 1 : n - 1),
 *   view: (n) => h("button", { onClick: "inc" }, String(n)),
 * });
 */
export function app<Model, const Msg, Flags = void>(
  definition: App<Model, Msg, Flags>,
): App<Model, Msg, Flags> {
  return definition;
}

/** Splits a transition into its model and effect (`undefined` when there is none). */
export function splitTransition<Model, Msg>(
  result: Transition<Model, Msg>,
): [Model, Effect<Msg> | undefined] {
  if (Array.isArray(result) && result.length === 2 && isEffect(result[1])) {
    return [result[0] as Model, result[1] as Effect<Msg>];
  }
  return [result as Model, undefined];
}
