import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConllu, sentenceId, writeConllu } from "./conllu.js";

const SAMPLE = `# newdoc id = doc1
# sent_id = s1
# text = I don't know.
1	I	I	PRON	PRP	Case=Nom	4	nsubj	4:nsubj	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	Mood=Ind	4	aux	4:aux	_
3	n't	not	PART	RB	_	4	advmod	4:advmod	_
4	know	know	VERB	VB	VerbForm=Inf	0	root	0:root	SpaceAfter=No
4.1	knows	know	VERB	VBZ	_	_	_	4:conj	_
5	.	.	PUNCT	.	_	4	punct	4:punct	_

# sent_id = s2
1	Hi	hi	INTJ	UH	_	0	root	0:root	_
`;

test("reads words, skipping ranges and empty nodes", () => {
  const s = parseConllu(SAMPLE);
  assert.equal(s.length, 2);
  const a = s[0]!;
  assert.deepEqual(a.words, ["I", "do", "n't", "know", "."]);
  assert.deepEqual(a.upos, ["PRON", "AUX", "PART", "VERB", "PUNCT"]);
  assert.deepEqual(a.xpos, ["PRP", "VBP", "RB", "VB", "."]);
  assert.deepEqual([...a.heads], [4, 4, 4, 0, 4]);
  assert.deepEqual(a.deprels, ["nsubj", "aux", "advmod", "root", "punct"]);
  assert.deepEqual(a.multiwords, [{ start: 2, end: 3, form: "don't", misc: "_" }]);
  assert.equal(a.comments.length, 3);
  assert.equal(sentenceId(a), "s1");
  assert.equal(sentenceId(s[1]!), "s2");
  assert.deepEqual(s[1]!.words, ["Hi"]);
});

test("write then read gives the same sentences", () => {
  const s = parseConllu(SAMPLE);
  const again = parseConllu(writeConllu(s));
  assert.deepEqual(again, s);
});
