import { existsSync, readdirSync, readFileSync } from "node:fs";
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

/** GUM documents (CoNLL-U, gzip) under <data>/gum/dep. */
export function gumDir(): string {
  return join(dataDir(), "gum", "dep");
}

/**
 * GUM train documents: every GUM_* file not listed under dev, test or test2 in
 * gum/splits.md, without the reddit genre (its token text is withheld as "___").
 * Sorted by name so that training is deterministic.
 */
export function gumTrainFiles(): string[] {
  const splits = readFileSync(join(dataDir(), "gum", "splits.md"), "utf8");
  const held = new Set<string>();
  let section = "";
  for (const line of splits.split(/\r?\n/)) {
    const h = /^##\s+(\S+)/.exec(line);
    if (h) section = h[1]!;
    const d = /^\s*\*\s+(\S+)/.exec(line);
    if (d && section !== "train") held.add(d[1]!);
  }
  if (held.size === 0) throw new Error("backbone: no dev/test documents found in gum/splits.md");
  return readdirSync(gumDir())
    .filter((f) => f.startsWith("GUM_") && f.endsWith(".conllu.gz"))
    .filter((f) => !f.startsWith("GUM_reddit_") && !held.has(f.slice(0, -".conllu.gz".length)))
    .sort()
    .map((f) => join(gumDir(), f));
}
