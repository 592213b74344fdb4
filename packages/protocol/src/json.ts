import { type Decoded, decoded, decodeError } from "./errors.ts";
import type { Limits } from "./limits.ts";

/**
 * Parses untrusted JSON text after checking its length and nesting depth. The depth scan runs
 * before `JSON.parse` so that a frame of nested brackets is refused without being parsed.
 */
export function parseJson(text: string, limits: Limits): Decoded<unknown> {
  if (text.length > limits.maxFrameLength) {
    return decodeError(
      "too-large",
      `frame of ${text.length} characters exceeds the limit of ${limits.maxFrameLength}`,
    );
  }
  const depth = nestingDepth(text);
  if (depth > limits.maxDepth) {
    return decodeError("too-deep", `frame nests ${depth} levels; the limit is ${limits.maxDepth}`);
  }
  try {
    return decoded(JSON.parse(text) as unknown);
  } catch (error) {
    return decodeError("not-json", `frame is not JSON (${(error as Error).message})`);
  }
}

/** Deepest bracket nesting outside string literals; malformed text is left to JSON.parse. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return deepest;
}
