/**
 * Reading the files the CLI is given. Every model goes through the one restore path
 * (`parseModelText`, SPEC §9); a file that is missing, unreadable or over the size limit is refused
 * before it is read, with the file's name in the message.
 */
import { readFile, stat } from "node:fs/promises";
import { type Issue, MAX_FILE_BYTES, type Model, parseModelText, type Result } from "../model/index.ts";
import { fileError } from "./errors.ts";

const MB = 1024 * 1024;

/** The text of `file`, at most `maxBytes` long, or a CliError naming the file and the problem. */
export async function readTextFile(file: string, maxBytes: number): Promise<string> {
  const read = await tryReadTextFile(file, maxBytes);
  if (typeof read !== "string") throw fileError(file, [read]);
  return read;
}

/** Read and validate a model file: the model, or every issue found (file-level issues included). */
export async function readModelFile(file: string): Promise<Result> {
  const read = await tryReadTextFile(file, MAX_FILE_BYTES);
  return typeof read === "string" ? parseModelText(read) : { ok: false, issues: [read] };
}

/** Read and validate a model file; invalid input is a CliError (exit 2) listing the issues. */
export async function loadModel(file: string): Promise<Model> {
  const result = await readModelFile(file);
  if (!result.ok) throw fileError(file, result.issues);
  return result.model;
}

/** The file's text, or the file-level issue that stops it from being read. */
async function tryReadTextFile(file: string, maxBytes: number): Promise<string | Issue> {
  const problem = (message: string): Issue => ({ path: "(file)", message });
  let size: number;
  try {
    const info = await stat(file);
    size = info.isDirectory() ? -1 : info.size;
  } catch (error) {
    return problem(describeFsError(error));
  }
  if (size < 0) return problem("is a directory, not a file");
  if (size > maxBytes) {
    return problem(`the file is ${(size / MB).toFixed(1)} MB; the limit is ${maxBytes / MB} MB`);
  }
  try {
    const text = await readFile(file, "utf8");
    // a byte-order mark is not JSON, but editors on Windows write one
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    return problem(describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    default:
      return `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
