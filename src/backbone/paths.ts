import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder holding package.json, found by walking up from this module. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("backbone: package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Shared data folder: $WHOSAID_DATA or <repo>/../shared/data. */
export function dataDir(): string {
  const env = process.env["WHOSAID_DATA"];
  if (env) return resolve(env);
  return resolve(repoRoot(), "..", "shared", "data");
}

export function ewtFile(split: "train" | "dev" | "test"): string {
  return join(dataDir(), "ud_english_ewt", `en_ewt-ud-${split}.conllu`);
}

/** Shipped models folder: <repo>/models. */
export function modelsDir(): string {
  return join(repoRoot(), "models");
}
