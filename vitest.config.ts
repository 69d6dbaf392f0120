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
            "test/architecture.test.ts",
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
          // generous: on a busy machine (load ~10 on 2 cores) a run or an export takes minutes
          testTimeout: 400_000,
          hookTimeout: 300_000,
          // expect.poll's 1 s default is far too short for a page on a busy machine
          expect: { poll: { timeout: 90_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
