// Bundles the browser runtime (src/browser.ts) into one minified ES module, then wraps it as a
// string export (`@lucent/client/script`) that servers hand out as application/javascript.
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url);
const result = await build({
  entryPoints: [new URL("../src/browser.ts", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  platform: "browser",
  // Read @lucent/protocol from source, as the tests do; only its types and constants are used.
  conditions: ["lucent-source"],
  legalComments: "none",
  write: false,
});
const code = result.outputFiles[0].text;

mkdirSync(dist, { recursive: true });
writeFileSync(new URL("lucent-view.min.js", dist), code);
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
