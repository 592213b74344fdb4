import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  dts: true,
  platform: "node",
  fixedExtension: false,
  external: [/^@lucent\//, /^express/, /^ws$/, /^node:/],
});
