// Bundles the browser runtime (src/browser.ts) into one minified ES module, then wraps it as a
// string export (`@lucent/client/script`) that servers hand out as application/javascript.
// tsdown (rolldown, minified by oxc) builds it, as it builds the package: its output is a few
// hundred bytes smaller after gzip than esbuild's, and every byte here is on every page.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "tsdown";

const dist = new URL("../dist/", import.meta.url);
await build({
  config: false,
  entry: { "lucent-view.min": fileURLToPath(new URL("../src/browser.ts", import.meta.url)) },
  outDir: fileURLToPath(dist),
  clean: false,
  format: "esm",
  platform: "browser",
  target: "es2020",
  minify: true,
  dts: false,
  hash: false,
  fixedExtension: false,
  // Bundle @lucent/protocol too, read from source as the tests do; only its types and a few
  // constants and functions are used.
  deps: { alwaysBundle: [/.*/] },
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
