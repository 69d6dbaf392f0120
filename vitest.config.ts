import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "test/model/**/*.test.ts",
            "test/engine/**/*.test.ts",
            "test/cli/**/*.test.ts",
            "test/workers/**/*.test.ts",
            "test/store/**/*.test.ts",
            "test/io/**/*.test.ts",
            "test/analysis/**/*.test.ts",
            "test/canvas/**/*.test.ts",
            "test/app/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
