// Client runtime size, minified and compressed: the files servers ship (packages/client/dist:
// the core, and the extras the core loads only for pages that use commands, hooks or form
// restore), against the phoenix + phoenix_live_view clients (their published minified files, and
// an esbuild bundle of the two as an app would ship them). The runner builds dist first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { runArea } from "../lib/area.ts";
import { BENCH_DIR, ROOT_DIR } from "../lib/process.ts";

interface Size {
  readonly min: number;
  readonly gzip: number;
  readonly brotli: number;
}

function sizeOf(code: string): Size {
  return {
    min: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function bundle(entry: { path?: string; contents?: string }, conditions: string[] = []) {
  const result = await build({
    ...(entry.path
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents as string, resolveDir: BENCH_DIR, loader: "js" } }),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    conditions,
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const output = Object.values(result.metafile.outputs)[0];
  // Minified bytes each source file contributes, largest first.
  const modules = Object.entries(output?.inputs ?? {})
    .map(([file, info]) => ({
      file: file.replace(/^.*?packages\//, "packages/"),
      bytes: info.bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  return { code: result.outputFiles[0]?.text as string, modules };
}

runArea("size", async () => {
  // phoenix's `exports` hides package.json and priv/: read the installed package's folder.
  const dir = (name: string) => join(BENCH_DIR, "node_modules", name);
  const version = (name: string) =>
    (JSON.parse(readFileSync(join(dir(name), "package.json"), "utf8")) as { version: string })
      .version;
  const staticDir = (name: string) => join(dir(name), "priv", "static");
  const client = await bundle({ path: join(ROOT_DIR, "packages", "client", "src", "browser.ts") }, [
    "lucent-source",
  ]);
  const dist = join(ROOT_DIR, "packages", "client", "dist");
  const lucent = sizeOf(readFileSync(join(dist, "lucent-view.min.js"), "utf8"));
  const lucentExtras = sizeOf(readFileSync(join(dist, "lucent-extras.min.js"), "utf8"));
  const phoenixMin = sizeOf(readFileSync(join(staticDir("phoenix"), "phoenix.min.js"), "utf8"));
  const liveViewMin = sizeOf(
    readFileSync(join(staticDir("phoenix_live_view"), "phoenix_live_view.min.js"), "utf8"),
  );
  const bundled = sizeOf(
    (
      await bundle({
        contents:
          'import { Socket } from "phoenix"; import { LiveSocket } from "phoenix_live_view"; new LiveSocket("/live", Socket, {}).connect();',
      })
    ).code,
  );
  return {
    versions: { phoenix: version("phoenix"), phoenix_live_view: version("phoenix_live_view") },
    lucent,
    lucentExtras,
    /** Minified bytes per source file of an unmangled esbuild bundle of the client (information). */
    lucentModules: client.modules,
    phoenixPublished: {
      phoenix: phoenixMin,
      phoenix_live_view: liveViewMin,
      sum: {
        min: phoenixMin.min + liveViewMin.min,
        gzip: phoenixMin.gzip + liveViewMin.gzip,
        brotli: phoenixMin.brotli + liveViewMin.brotli,
      },
    },
    phoenixBundled: bundled,
  };
});
