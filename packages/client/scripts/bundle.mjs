// Bundles the browser runtime (src/browser.ts) into one minified ES module, then wraps it as a
// string export (`@lucent/client/script`) that servers hand out as application/javascript.
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
// hooks, and the element's private `session` and `connect`.
const INTERNAL =
  /^(createText|setText|setInnerHtml|childAt|childCount|handler|debounce|throttle|include|disableWhilePending|seq|listen|scan|last|timer|session|connect|start|stop|cast|connecting|open)$/;

const dist = new URL("../dist/", import.meta.url);
await build({
  config: false,
  entry: { "lucent-view.min": fileURLToPath(new URL("../src/browser.ts", import.meta.url)) },
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
        return (await transform(code, { mangleProps: INTERNAL, format: "esm", target })).code;
      },
    },
  ],
  inputOptions: { resolve: { conditionNames: ["lucent-source", "import", "default"] } },
  logLevel: "warn",
});
const code = readFileSync(new URL("lucent-view.min.js", dist), "utf8");

writeFileSync(
  new URL("script.mjs", dist),
  `export const clientScript = ${JSON.stringify(code)};\n`,
);
writeFileSync(
  new URL("script.d.mts", dist),
  "/** The minified <lucent-view> runtime, ready to serve as application/javascript. */\nexport declare const clientScript: string;\n",
);

const gzip = gzipSync(code, { level: 9 }).length;
console.log(`dist/lucent-view.min.js: ${code.length} B min, ${gzip} B min+gzip`);
