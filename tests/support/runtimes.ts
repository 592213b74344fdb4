import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "../..");

export type RuntimeName = "node" | "bun" | "deno";

const require = createRequire(join(ROOT, "package.json"));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * The command that runs a TypeScript file in a runtime, reading workspace packages from source
 * through the `lucent-source` export condition. Bun 1.4 and Deno 2.9 both take `--conditions`;
 * Node 20 needs tsx to read TypeScript. The `@lucent/client/script` export has no source form:
 * it is the built bundle, so `dist` must exist (the test command builds first).
 *
 * Bun and Deno come from the root devDependencies (`bun@npm:bun@…`, `deno@npm:deno@…`). Their
 * binaries are run directly: Deno's npm shim is a Node script that would stand between the test
 * and the runtime's exit code.
 */
export function runtimeCommand(runtime: RuntimeName, file: string): [string, string[]] {
  switch (runtime) {
    case "node":
      return [process.execPath, ["--conditions=lucent-source", "--import", "tsx", file]];
    case "bun":
      return [join(packageDir("bun"), "bin/bun.exe"), ["--conditions=lucent-source", file]];
    case "deno":
      // Deno resolves bare imports from node_modules because a package.json is above the file;
      // reading them needs no permission. The adapters need the network only.
      return [
        join(packageDir("deno"), "deno"),
        ["run", "--conditions=lucent-source", "--allow-net", file],
      ];
  }
}
