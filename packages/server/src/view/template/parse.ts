import { VOID_ELEMENTS } from "../../render/html.ts";
import { isCommandProp } from "../commands.ts";
import { eventType } from "../h.ts";
import { contentProblem } from "./content-model.ts";

/**
 * What stands at one place in a template: static text, a hole (the index of its value), or an
 * element.
 */
export type StaticChild = string | number | StaticElement;

/** An element of a template as written, its holes numbered. */
export interface StaticElement {
  readonly tag: string;
  readonly attributes: readonly StaticAttribute[];
  readonly children: readonly StaticChild[];
}

/**
 * An attribute: its value as static strings and hole indices (`class="row ${x}"` is
 * `["row ", 0]`), or null for a bare attribute (`disabled`).
 */
export interface StaticAttribute {
  readonly name: string;
  readonly value: readonly (string | number)[] | null;
}

/** Where a hole stands, which decides what its value may be. */
export type HoleKind =
  /** In content: any child (text, a node, a list). */
  | "child"
  /** The whole value of the attribute named. */
  | { readonly attribute: string }
  /** Part of a quoted attribute value: text only. */
  | { readonly part: string };

/** A template's static structure: the same for every call from one place in the code. */
export interface ParsedTemplate {
  readonly roots: readonly StaticChild[];
  readonly holes: readonly HoleKind[];
}

/** Stands for a hole while parsing; a template holding it as text is refused. */
const HOLE = "\u0000";
/** How errors show a hole. */
const SHOWN_HOLE = "\u0024{…}";
// biome-ignore lint/suspicious/noControlCharactersInRegex: a name ends at a hole (NUL) and holds no control character
const NAME = /[^\s/>="'<\u0000-\u001f\u007f]+/y;

/** Elements whose content the HTML parser does not read as markup. */
const RAW_TEXT = new Set(["script", "style", "iframe", "noembed", "noframes", "noscript", "xmp"]);
/** Elements that hold text only, kept as written (the parser drops one leading line break). */
const VERBATIM = new Set(["pre", "textarea", "title"]);

/**
 * Parses the strings of an `html` template into its static structure. Markup follows HTML with
 * JSX's rule for whitespace: text made only of whitespace and line breaks is dropped, and line
 * breaks with the indentation around them are trimmed, so indenting a template changes nothing.
 * Anything the parser cannot read certainly throws, naming the place.
 *
 * @example parseTemplate(["<p class=", ">", "</p>"]) // one element, two holes
 */
export function parseTemplate(strings: readonly (string | undefined)[]): ParsedTemplate {
  for (const part of strings) {
    // A tagged template's string is undefined where JavaScript cannot read an escape (`\u`).
    if (part === undefined) throw new Error("html template: an escape sequence is not valid");
    if (part.includes(HOLE)) throw new Error("html template: NUL characters are not allowed");
  }
  const parser = createParser(strings.join(HOLE));
  // Whitespace around the roots is indentation, whatever it holds: it would be a root of its own.
  const roots = parser
    .children(undefined, false)
    .filter((root) => typeof root !== "string" || /\S/.test(root));
  const misplaced = contentProblem(roots);
  if (misplaced !== undefined) throw new Error(`html template: ${misplaced}`);
  return { roots, holes: parser.holes };
}

function createParser(source: string) {
  let at = 0;
  const holes: HoleKind[] = [];

  const fail = (problem: string): never => {
    const before = source.slice(Math.max(0, at - 30), at).replaceAll(HOLE, SHOWN_HOLE);
    const after = source.slice(at, at + 20).replaceAll(HOLE, SHOWN_HOLE);
    throw new Error(
      `html template: ${problem}, at ${JSON.stringify(before)} ⁁ ${JSON.stringify(after)}`,
    );
  };

  const startsWith = (text: string): boolean => source.startsWith(text, at);
  const skipSpace = (): void => {
    while (at < source.length && /\s/.test(source[at] as string)) at++;
  };
  const nameAt = (what: string): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(source);
    if (!match) return fail(`expected ${what}`);
    at += match[0].length;
    return match[0];
  };

  /**
   * Content up to the end tag of `tag` (or the end of the template, for the roots); `verbatim`
   * inside `<pre>` and the text-only elements, whose text is kept as written.
   */
  const children = (tag: string | undefined, verbatim: boolean): StaticChild[] => {
    const out: StaticChild[] = [];
    let text = "";
    const flush = (): void => {
      let cleaned = verbatim ? decodeEntities(text, fail) : cleanText(text, fail);
      // The HTML parser drops a line break that opens a <pre>, <textarea> or <listing>.
      if (verbatim && out.length === 0 && VERBATIM.has(tag as string)) {
        cleaned = cleaned.replace(/^\r?\n/, "");
      }
      if (cleaned !== "") out.push(cleaned);
      text = "";
    };
    while (at < source.length) {
      const char = source[at] as string;
      if (char === HOLE) {
        flush();
        out.push(holes.push("child") - 1);
        at++;
      } else if (char !== "<") {
        text += char;
        at++;
      } else if (startsWith("<!--")) {
        // From the second dash: `<!-->` and `<!--->` are comments that end at once, as in HTML.
        const end = source.indexOf("-->", at + 2);
        if (end < 0) fail("a comment is not closed");
        if (source.slice(at, end).includes(HOLE)) fail("a value cannot stand in a comment");
        at = end + 3;
      } else if (startsWith("</")) {
        flush();
        at += 2;
        const name = nameAt("a tag name");
        skipSpace();
        if (source[at] !== ">") fail(`expected ">" to end </${name}>`);
        if (VOID_ELEMENTS.has(name.toLowerCase()))
          fail(`<${name}> is a void element: it has no end tag`);
        if (name !== tag) {
          fail(tag === undefined ? `</${name}> closes nothing` : `</${name}> closes <${tag}>`);
        }
        at++;
        return out;
      } else if (/[A-Za-z]/.test(source[at + 1] ?? "")) {
        if (tag !== undefined && VERBATIM.has(tag) && tag !== "pre")
          fail(`<${tag}> holds text only`);
        flush();
        at++;
        out.push(element(verbatim));
      } else if (source[at + 1] === HOLE) fail("a value cannot stand in a tag name");
      else fail('"<" must start a tag (write &lt; for the character)');
    }
    flush();
    if (tag !== undefined) fail(`<${tag}> is not closed`);
    return out;
  };

  const element = (verbatim: boolean): StaticElement => {
    const tag = nameAt("a tag name");
    if (source[at] === HOLE) fail("a value cannot stand in a tag name");
    if (RAW_TEXT.has(tag.toLowerCase()))
      fail(`<${tag}> content is not markup: build it with h or raw`);
    const attributes: StaticAttribute[] = [];
    for (;;) {
      skipSpace();
      if (at >= source.length) fail(`<${tag}> is not closed`);
      if (source[at] === ">") {
        at++;
        checkScripted(attributes, fail);
        const content = VOID_ELEMENTS.has(tag.toLowerCase())
          ? []
          : children(tag, verbatim || VERBATIM.has(tag));
        return { tag, attributes, children: content };
      }
      if (startsWith("/>")) {
        at += 2;
        checkScripted(attributes, fail);
        return { tag, attributes, children: [] };
      }
      if (source[at] === HOLE)
        fail(`a value cannot stand for an attribute (write name=${SHOWN_HOLE})`);
      const name = nameAt("an attribute name");
      if (name === "innerHTML")
        fail("innerHTML is not text: give trusted HTML to raw(tag, props, html)");
      if (attributes.some((attribute) => sameName(attribute.name, name))) {
        fail(`<${tag}> has the attribute ${name} twice`);
      }
      attributes.push({ name, value: attributeValue(name) });
    }
  };

  const attributeValue = (name: string): (string | number)[] | null => {
    skipSpace();
    if (source[at] !== "=") return null;
    at++;
    skipSpace();
    const quote = source[at];
    if (source[at] === HOLE) {
      at++;
      if (at < source.length && !/[\s/>]/.test(source[at] as string)) {
        fail(`a value in ${name}= must be quoted when text stands beside it`);
      }
      return [holes.push({ attribute: name }) - 1];
    }
    if (quote !== '"' && quote !== "'") {
      const match = /^[^\s>]+/.exec(source.slice(at));
      if (!match) return fail(`expected a value for ${name}`);
      if (match[0].includes(HOLE))
        fail(`a value in ${name}= must be quoted when text stands beside it`);
      at += match[0].length;
      return [decodeEntities(match[0], fail)];
    }
    const end = source.indexOf(quote, at + 1);
    if (end < 0) fail(`the value of ${name} is not closed`);
    const raw = source.slice(at + 1, end).split(HOLE);
    at = end + 1;
    if (raw.length === 2 && raw[0] === "" && raw[1] === "") {
      return [holes.push({ attribute: name }) - 1];
    }
    const value: (string | number)[] = [];
    raw.forEach((text, i) => {
      if (i > 0) value.push(holes.push({ part: name }) - 1);
      if (text !== "") value.push(decodeEntities(text, fail));
    });
    return value;
  };

  return { children, holes };
}

/**
 * An event attribute takes one value, a message or a handler: written in the markup it would be a
 * message the template's message type never sees (`onClick="inc"`). A `js:` attribute takes one
 * chain of commands: the client runs its text, so text around a value could add commands. And a
 * value in `onclick`, which is no event here but an inline handler, would run as script.
 */
function checkScripted(attributes: readonly StaticAttribute[], fail: (message: string) => never) {
  for (const { name, value } of attributes) {
    const whole = value?.length === 1 && typeof value[0] === "number";
    if (isCommandProp(name)) {
      if (!whole)
        fail(
          `${name} takes a command chain made with js as its value: write ${name}=${SHOWN_HOLE}`,
        );
    } else if (eventType(name) !== undefined) {
      if (!whole)
        fail(`${name} takes a message or a handler as its value: write ${name}=${SHOWN_HOLE}`);
    } else if (/^on/i.test(name) && value?.some((part) => typeof part === "number")) {
      fail(`a value in ${name} would run as script: an event is onClick or on:click`);
    }
  }
}

/** Whether two attribute names are one: HTML ignores case, and `onClick` binds `on:click`. */
function sameName(a: string, b: string): boolean {
  const event = (name: string) => eventType(name) ?? name.toLowerCase();
  return event(a) === event(b) && (eventType(a) === undefined) === (eventType(b) === undefined);
}

/**
 * Static text as JSX keeps it: each line trimmed where it meets a line break, lines made only of
 * whitespace dropped, the rest joined with one space; text on one line stays as written.
 */
function cleanText(text: string, fail: (problem: string) => never): string {
  if (!/[\r\n]/.test(text)) return decodeEntities(text, fail);
  const lines = text.split(/\r\n|\r|\n/);
  let out = "";
  let last = -1;
  for (let i = 0; i < lines.length; i++) if (/[^ \t]/.test(lines[i] as string)) last = i;
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] as string).replace(/\t/g, " ");
    if (i > 0) line = line.replace(/^ +/, "");
    if (i < lines.length - 1) line = line.replace(/ +$/, "");
    if (line === "") continue;
    out += i === last ? line : `${line} `;
  }
  return decodeEntities(out, fail);
}

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/**
 * Decodes character references. Numeric ones and the few names markup needs are known; another
 * name throws rather than render differently from the HTML a browser would parse.
 */
function decodeEntities(text: string, fail: (problem: string) => never): string {
  if (!text.includes("&")) return text;
  // A browser also reads some references without their ";" (`&copy 2024`, `&lt`): refused.
  if (/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)(?![0-9A-Za-z;])/.test(text)) {
    fail('a character reference must end with ";" (write &amp; for the character)');
  }
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, name) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      // A browser maps 0x80–0x9f as windows-1252 would, not to those code points.
      if (
        code === 0 ||
        code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff) ||
        (code >= 0x80 && code <= 0x9f)
      ) {
        return fail(`${whole} is not a character`);
      }
      return String.fromCodePoint(code);
    }
    const decoded = NAMED[name];
    if (decoded === undefined) {
      return fail(`${whole} is not a reference the template knows (write the character itself)`);
    }
    return decoded;
  });
}
