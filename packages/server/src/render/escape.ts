const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&"<>]/;

/** Escapes text content for HTML. Hot path in SSR: tests first, replaces only when needed. */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes a double-quoted attribute value. */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}
