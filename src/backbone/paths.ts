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
 * GUM's document splits as gum/splits.md lists them: dev, test, and train = every GUM_* document
 * not listed under dev, test or test2 (GENTLE). Names without folder or extension, sorted.
 */
export function gumSplits(): { train: string[]; dev: string[]; test: string[] } {
  const md = readFileSync(join(dataDir(), "gum", "splits.md"), "utf8");
  const listed: Record<string, string[]> = { dev: [], test: [], test2: [], train: [] };
  let section = "";
  for (const line of md.split(/\r?\n/)) {
    const heading = /^##\s+(\w+)/.exec(line);
    if (heading) {
      section = heading[1]!;
      continue;
    }
    const item = /^\s*\*\s+(\S+)/.exec(line);
    if (item && listed[section]) listed[section]!.push(item[1]!);
  }
  const held = new Set([...listed["dev"]!, ...listed["test"]!, ...listed["test2"]!]);
  if (held.size === 0) throw new Error("backbone: no dev/test documents found in gum/splits.md");
  const all = readdirSync(gumDir())
    .filter((f) => f.endsWith(".conllu.gz") && f.startsWith("GUM_"))
    .map((f) => f.replace(/\.conllu\.gz$/, ""))
    .sort();
  return { train: all.filter((d) => !held.has(d)), dev: listed["dev"]!, test: listed["test"]! };
}

/**
 * GUM train documents for the tagger and parser (paths of the files): the train split without the
 * reddit genre (its token text is withheld as "___").
 */
export function gumTrainFiles(): string[] {
  return gumSplits()
    .train.filter((d) => !d.startsWith("GUM_reddit_"))
    .map((d) => join(gumDir(), `${d}.conllu.gz`));
}
