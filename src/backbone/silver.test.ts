import { test } from "node:test";
import assert from "node:assert/strict";
import { csvRows } from "./silver.js";

test("csvRows reads quoted fields with commas, doubled quotes and line breaks", () => {
  const rows = csvRows('Body ID,articleBody\n0,"He said ""no"",\nthen left."\n1,plain\n');
  assert.deepEqual(rows, [["Body ID", "articleBody"], ["0", 'He said "no",\nthen left.'], ["1", "plain"]]);
});
