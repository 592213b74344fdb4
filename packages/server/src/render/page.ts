import type { RenderedView } from "../connection/endpoint.ts";
import { escapeAttribute, escapeText } from "./escape.ts";

/**
 * The `<lucent-view>` element for a server-rendered view: the client adopts its content and joins
 * the session with `token` and `seq`.
 *
 * @example viewElement(endpoint.render({ url })!, "/counter/__lucent")
 */
export function viewElement(
  view: RenderedView,
  route: string,
  attributes: Readonly<Record<string, string>> = {},
): string {
  let out = `<lucent-view route="${escapeAttribute(route)}" token="${escapeAttribute(view.token)}" seq="${view.seq}"`;
  for (const name in attributes) out += ` ${name}="${escapeAttribute(attributes[name] as string)}"`;
  return `${out}>${view.html}</lucent-view>`;
}

/** The parts of a default page. */
export interface DocumentParts {
  readonly title: string;
  /** The `<lucent-view>` element. */
  readonly view: string;
  /** URL of the client script. */
  readonly script: string;
  /** Trusted HTML for the end of `<head>` (styles, meta). @default "" */
  readonly head?: string;
  /** @default "en" */
  readonly lang?: string;
}

/**
 * A complete HTML page around a view. The client script is a module, so it runs after parsing and
 * the element upgrades with its server-rendered content already in place.
 *
 * @example renderDocument({ title: "Counter", view, script: "/_lucent/client.js" })
 */
export function renderDocument(parts: DocumentParts): string {
  return `<!doctype html><html lang="${escapeAttribute(parts.lang ?? "en")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeText(parts.title)}</title><script type="module" src="${escapeAttribute(parts.script)}"></script>${parts.head ?? ""}</head><body>${parts.view}</body></html>`;
}
