// Bundles the browser runtime into two minified ES modules: the core (src/browser.ts,
// lucent-view.min.js) and the extras it imports from beside itself when a page needs them
// (src/extras.ts, lucent-extras.min.js: client-side commands, hooks, form restore). Then wraps
// both as string exports (`@lucent/client/script`) that servers hand out as application/javascript.
// tsdown (rolldown, minified by oxc) builds it, as it builds the package: its output is a few
// hundred bytes smaller after gzip than esbuild's, and every byte here is on every page.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { transform } from "esbuild";
import { build } from "tsdown";

// ES2021 for `??=` and `&&=`: the runtime already needs that generation of browsers (listeners
// with an AbortSignal: Chrome 90, Firefox 86, Safari 15).
const target = "es2021";

// Property names that only the bundle's own objects carry, renamed to short ones before oxc
// minifies (oxc does not rename properties; esbuild does, for exactly the names listed). A name
// belongs here only if nothing outside the bundle reads it and no DOM, protocol or public name is
// spelled the same: every property of that name in the bundle is renamed. DomWriter's reads and
// text writes, the binding fields the client reads (not `keys`, `clear`, `reset`, which other
// objects have too), the event sink and delegation, timer slots, the session and its transport
// hooks, the element's private `session` and `connect`, and the members of the extras' object
// (which the package exports as functions, not as properties). The two modules share one mangle
// cache, so a name gets the same short name in both.
const INTERNAL =
  /^(createText|setText|setInnerHtml|childAt|handler|debounce|throttle|include|disableWhilePending|seq|listen|note|need|scan|reapplyCommands|runCommands|recoverForms|createHooks|last|timer|session|connect|start|stop|cast|connecting|open|clone)$/;

const dist = new URL("../dist/", import.meta.url);
let mangleCache = {};
const bundle = async (name, source) => {
  await build({
    config: false,
    entry: { [name]: fileURLToPath(new URL(source, import.meta.url)) },
    outDir: fileURLToPath(dist),
    clean: false,
    format: "esm",
    platform: "browser",
    target,
    minify: true,
    dts: false,
    hash: false,
    fixedExtension: false,
    // Bundle @lucent/protocol too, read from source as the tests do; only its types and a few
    // constants and functions are used.
    deps: { alwaysBundle: [/.*/] },
    plugins: [
      {
        name: "mangle-internal-properties",
        // Before the chunk is minified.
        async renderChunk(code) {
          const out = await transform(code, {
            mangleProps: INTERNAL,
            mangleCache,
            format: "esm",
            target,
          });
          mangleCache = out.mangleCache;
          return out.code;
        },
      },
    ],
    inputOptions: { resolve: { conditionNames: ["lucent-source", "import", "default"] } },
    logLevel: "warn",
  });
  const code = readFileSync(new URL(`${name}.js`, dist), "utf8");
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`dist/${name}.js: ${code.length} B min, ${gzip} B min+gzip`);
  return code;
};
const core = await bundle("lucent-view.min", "../src/browser.ts");
const extras = await bundle("lucent-extras.min", "../src/extras.ts");

writeFileSync(
  new URL("script.mjs", dist),
  `export const clientScript = ${JSON.stringify(core)};\nexport const clientExtrasScript = ${JSON.stringify(extras)};\n`,
);
writeFileSync(
  new URL("script.d.mts", dist),
  [
    "/** The minified <lucent-view> runtime, ready to serve as application/javascript. */",
    "export declare const clientScript: string;",
    "/**",
    " * The runtime's second module (client-side commands, hooks, form restore), which the runtime",
    " * imports from `lucent-extras.min.js` beside its own URL when a page needs it.",
    " */",
    "export declare const clientExtrasScript: string;",
    "",
  ].join("\n"),
);
