/** Running `seams` in-process with captured output, for the CLI tests. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const HELLO = join(ROOT, "public/templates/hello.seams.json");

/** Run `seams argv…` in-process: its exit code and everything it wrote. */
export async function seams(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
