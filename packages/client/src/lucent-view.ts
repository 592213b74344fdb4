import type { Json } from "@lucent/protocol";
import { defineHook, type Hook } from "./hooks.ts";
import { createSession, type Session } from "./session.ts";

// Importing this module where there is no DOM (a server rendering pages) must not throw.
const Base = (globalThis.HTMLElement ?? Object) as typeof HTMLElement;

/**
 * The `<lucent-view>` element: a live view of a server-side Lucent app, rendered in the light DOM.
 *
 * Attributes: `route` (the WebSocket URL, resolved against the page; `http(s):` becomes `ws(s):`),
 * `token` and `seq` when the server rendered the content, which is then adopted as it is, and
 * `history` on the one view that owns the browser history when a page has several (with none,
 * every view does). Every other attribute is sent to the app on join and whenever it changes.
 * The element writes `state` ("connecting", "connected", "disconnected" or "failed") and
 * dispatches `lucent:connect`, `lucent:mount`, `lucent:disconnect` (detail `{code, reason}`),
 * `lucent:error` (detail `{code, message}`) and `lucent:dropped` (detail `{count}`: messages made
 * while disconnected that could not be delivered), all bubbling, plus the app's emitted events.
 *
 * @example <lucent-view route="/live" token="…" seq="3">…server-rendered HTML…</lucent-view>
 */
export class LucentView extends Base {
  // Declared, not initialised: a class field would cost a helper in the es2021 bundle.
  declare private session: Session | undefined;

  /**
   * {@link defineHook}, reachable from page scripts without a bundler.
   *
   * @example customElements.whenDefined("lucent-view").then((View) => View.defineHook("chart", hook))
   */
  static defineHook(name: string, hook: Hook): void {
    defineHook(name, hook);
  }

  connectedCallback(): void {
    this.connect().start();
  }

  /**
   * Sends the app a message (its `onMessage`), with `detail` as JSON. Messages sent while the
   * element is not connected are kept (with events, at most 64) and sent after the next mount.
   * `name` has 1 to 128 characters: the server refuses other names with an error frame, which
   * the element reports as `lucent:error`.
   *
   * @example document.querySelector("lucent-view").send("map:moved", { lat, lng })
   */
  send(name: string, detail?: Json): void {
    this.connect().cast(name, detail);
  }

  private connect(): Session {
    return (this.session ??= createSession(this));
  }

  disconnectedCallback(): void {
    this.session?.stop();
  }

  /** Present so that `moveBefore` moves the element without a disconnect and reconnect. */
  connectedMoveCallback(): void {}
}
