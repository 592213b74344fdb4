import type { IntrinsicElements as Intrinsics } from "./jsx/intrinsic-elements.ts";
import { element } from "./view/h.ts";
import { type Child, fragment, type Node, toNodes } from "./view/node.ts";

/** The fragment component of TSX (`<>…</>`). */
export const Fragment: unique symbol = Symbol("lucent.fragment");

// biome-ignore lint/suspicious/noExplicitAny: components accept any props object
type Component = (props: any) => Node<unknown>;

/**
 * The automatic JSX runtime (`"jsxImportSource": "@lucent/server"`). Intrinsic tags build
 * elements exactly as `h` does; function components are called with their props.
 */
export function jsx(
  type: string | Component | typeof Fragment,
  props: Record<string, unknown>,
  key?: string | number,
): Node<unknown> {
  const keyString = key === undefined ? undefined : String(key);
  if (type === Fragment)
    return fragment(
      props.children as Child<unknown>,
      keyString === undefined ? {} : { key: keyString },
    );
  if (typeof type === "function")
    return type(keyString === undefined ? props : { ...props, key: keyString });
  return element(type, props, toNodes(props.children as Child<unknown>), undefined, keyString);
}

/** Same as {@link jsx}; TypeScript calls it for elements with several static children. */
export const jsxs: typeof jsx = jsx;

export declare namespace JSX {
  // biome-ignore lint/suspicious/noExplicitAny: JSX gives every element expression one type
  type Element = Node<any>;
  interface ElementChildrenAttribute {
    // biome-ignore lint/complexity/noBannedTypes: the TypeScript JSX protocol requires this shape
    children: {};
  }
  interface IntrinsicElements extends Intrinsics {}
}
