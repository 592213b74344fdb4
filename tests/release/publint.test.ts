// Every public package as it would be published: publint finds nothing, and the manifest keeps
// the conventions (ESM only, types first, no side effects, only dist shipped, engines stated).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, describe, expect, inject, test } from "vitest";

const tarballs = inject("tarballs");
const unpacked = mkdtempSync(join(tmpdir(), "lucent-unpacked-"));
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

interface Manifest {
  name: string;
  type?: string;
  sideEffects?: boolean;
  files?: string[];
  engines?: Record<string, string>;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every condition object of an `exports` map, with the subpath it belongs to. */
function conditionObjects(exports: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.entries(exports).flatMap(([subpath, value]) =>
    typeof value === "object" && value !== null
      ? [[subpath, value as Record<string, unknown>] as [string, Record<string, unknown>]]
      : [],
  );
}

describe.each(readdirSync(tarballs).filter((file) => file.endsWith(".tgz")))("%s", (tarball) => {
  const dir = join(unpacked, tarball.replace(/\.tgz$/, ""));
  execFileSync("mkdir", ["-p", dir]);
  execFileSync("tar", ["-xzf", join(tarballs, tarball), "-C", dir]);
  const pkgDir = join(dir, "package");
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as Manifest;

  test("publint finds nothing, not even a suggestion", async () => {
    const { messages, pkg } = await publint({ pkgDir, pack: false, level: "suggestion" });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  test("ships ESM, types first, no side effects, dist and the README, engines stated", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.files).toContain("dist");
    expect(Object.keys(manifest.engines ?? {})).not.toHaveLength(0);
    expect(readdirSync(pkgDir)).toContain("README.md");
    for (const [subpath, conditions] of conditionObjects(manifest.exports)) {
      expect(Object.keys(conditions), subpath).toEqual(["types", "default"]);
      expect(conditions.types, subpath).toMatch(/^\.\/dist\/.+\.d\.m?ts$/);
    }
  });

  test("depends on published versions only, never the workspace", () => {
    const all = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const [name, range] of Object.entries(all)) expect(range, name).not.toMatch(/^workspace:/);
    expect(JSON.stringify(manifest.exports)).not.toContain("lucent-source");
  });
});
