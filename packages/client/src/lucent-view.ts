import { createSession, type Session } from "./session.ts";

// Importing this module where there is no DOM (a server rendering pages) must not throw.
const Base = (globalThis.HTMLElement ?? Object) as typeof HTMLElement;

/**
 * The `<lucent-view>` element: a live view of a server-side Lucent app, rendered in the light DOM.
 *
 * Attributes: `route` (the WebSocket URL, resolved against the page; `http(s):` becomes `ws(s):`),
 * and `token` and `seq` when the server rendered the content, which is then adopted as it is.
 * Every other attribute is sent to the app on join and whenever it changes. The element writes
 * `state` ("connecting", "connected", "disconnected" or "failed") and dispatches `lucent:connect`,
 * `lucent:mount`, `lucent:disconnect` (detail `{code, reason}`) and `lucent:error` (detail
 * `{code, message}`), all bubbling, plus the app's emitted events.
 *
 * @example <lucent-view route="/live" token="…" seq="3">…server-rendered HTML…</lucent-view>
 */
export class LucentView extends Base {
  // Declared, not initialised: a class field would cost a helper in the es2020 bundle.
  declare private session: Session | undefined;

  connectedCallback(): void {
    this.session ??= createSession(this);
    this.session.start();
  }

  disconnectedCallback(): void {
    this.session?.stop();
  }

  /** Present so that `moveBefore` moves the element without a disconnect and reconnect. */
  connectedMoveCallback(): void {}
}
