import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { dataDir, gumTrainFiles } from "./paths.js";

const splits = join(dataDir(), "gum", "splits.md");

test("GUM training documents leave out dev, test, test2 and the reddit genre", { skip: !existsSync(splits) && "GUM not found" }, () => {
  const text = readFileSync(splits, "utf8");
  const heldOut = text.slice(0, text.search(/^## train\b/m));
  const files = gumTrainFiles().map((f) => basename(f, ".conllu.gz"));
  assert.ok(files.length > 150, `${files.length} documents`);
  assert.deepEqual(files, [...files].sort());
  for (const f of files) {
    assert.ok(f.startsWith("GUM_") && !f.startsWith("GUM_reddit_"), f);
    assert.ok(!new RegExp(`^\\s*\\*\\s+${f}\\s*$`, "m").test(heldOut), `${f} is a dev or test document`);
  }
  // spot checks from the dev and test lists
  for (const held of ["GUM_news_iodine", "GUM_news_nasa", "GUM_bio_byron", "GUM_whow_mice"]) assert.ok(!files.includes(held), held);
});
