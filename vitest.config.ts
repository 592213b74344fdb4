import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Inside the monorepo every package resolves to its TypeScript source through the
// `lucent-source` export condition, so tests never wait for a build.
const source = {
  resolve: { conditions: ["lucent-source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["lucent-source", ...defaultServerConditions] } },
};

export default defineConfig({
  ...source,
  test: {
    projects: [
      {
        ...source,
        test: {
          name: "unit",
          include: [
            "packages/**/src/**/*.test.ts",
            "packages/**/test/**/*.test.ts",
            "apps/*/src/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        ...source,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        ...source,
        test: {
          name: "conformance",
          include: ["tests/conformance/**/*.test.ts"],
          environment: "node",
          // Each file starts its fixture in Bun, Deno or Node; a cold Deno compiles first.
          hookTimeout: 60_000,
          testTimeout: 20_000,
        },
      },
      {
        ...source,
        test: {
          name: "release",
          include: ["tests/release/**/*.test.ts"],
          environment: "node",
          // Packs every public package once, from its built dist; the tests install and lint them.
          globalSetup: ["tests/release/pack.ts"],
          hookTimeout: 180_000,
        },
      },
      {
        ...source,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
