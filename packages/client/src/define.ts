import { LucentView } from "./lucent-view.ts";

/**
 * Registers `<lucent-view>` unless an element of that name is already defined.
 *
 * @example defineLucentView()
 */
export function defineLucentView(registry: CustomElementRegistry = customElements): void {
  if (!registry.get("lucent-view")) registry.define("lucent-view", LucentView);
}
