/**
 * Minimal CoNLL-U reader/writer.
 *
 * Sentences hold syntactic words only (multiword range lines such as `1-2` are
 * kept aside in `multiwords`; empty nodes such as `8.1` are skipped), so
 * `words[i]` is the word with CoNLL-U ID i + 1 and `heads[i]` is 0 for root.
 */
export interface MultiwordToken {
  start: number;
  end: number;
  form: string;
  misc: string;
}

export interface Sentence {
  comments: string[];
  words: string[];
  lemmas: string[];
  upos: string[];
  xpos: string[];
  feats: string[];
  /** 1-based head per word, 0 = root. */
  heads: Int32Array;
  deprels: string[];
  deps: string[];
  misc: string[];
  multiwords: MultiwordToken[];
}

export function sentenceId(s: Sentence): string | undefined {
  for (const c of s.comments) {
    const m = /^#\s*sent_id\s*=\s*(.*)$/.exec(c);
    if (m) return m[1]!.trim();
  }
  return undefined;
}

export function parseConllu(text: string): Sentence[] {
  const out: Sentence[] = [];
  let comments: string[] = [];
  let rows: string[][] = [];
  let multiwords: MultiwordToken[] = [];
  const flush = (): void => {
    if (rows.length > 0) {
      const n = rows.length;
      const heads = new Int32Array(n);
      const s: Sentence = {
        comments,
        words: [],
        lemmas: [],
        upos: [],
        xpos: [],
        feats: [],
        heads,
        deprels: [],
        deps: [],
        misc: [],
        multiwords,
      };
      rows.forEach((r, i) => {
        s.words.push(r[1]!);
        s.lemmas.push(r[2] ?? "_");
        s.upos.push(r[3] ?? "_");
        s.xpos.push(r[4] ?? "_");
        s.feats.push(r[5] ?? "_");
        const h = r[6] === undefined || r[6] === "_" ? 0 : Number(r[6]);
        heads[i] = Number.isFinite(h) ? h : 0;
        s.deprels.push(r[7] ?? "_");
        s.deps.push(r[8] ?? "_");
        s.misc.push(r[9] ?? "_");
      });
      out.push(s);
    }
    comments = [];
    rows = [];
    multiwords = [];
  };
  const lines = text.split(/\r?\n/);
  for (const line of lines) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) {
      if (rows.length > 0) flush();
      comments.push(line);
      continue;
    }
    const cols = line.split("\t");
    const id = cols[0]!;
    if (id.includes("-")) {
      const [a, b] = id.split("-");
      multiwords.push({ start: Number(a), end: Number(b), form: cols[1] ?? "", misc: cols[9] ?? "_" });
      continue;
    }
    if (id.includes(".")) continue; // empty node
    if (Number(id) !== rows.length + 1) {
      throw new Error(`CoNLL-U: unexpected word id ${id} (expected ${rows.length + 1})`);
    }
    rows.push(cols);
  }
  flush();
  return out;
}

export function writeConllu(sents: Sentence[]): string {
  const lines: string[] = [];
  for (const s of sents) {
    for (const c of s.comments) lines.push(c);
    const mw = new Map<number, MultiwordToken>();
    for (const m of s.multiwords) mw.set(m.start, m);
    for (let i = 0; i < s.words.length; i++) {
      const m = mw.get(i + 1);
      if (m) lines.push(`${m.start}-${m.end}\t${m.form}\t_\t_\t_\t_\t_\t_\t_\t${m.misc}`);
      lines.push(
        [i + 1, s.words[i], s.lemmas[i], s.upos[i], s.xpos[i], s.feats[i], s.heads[i], s.deprels[i], s.deps[i], s.misc[i]].join("\t"),
      );
    }
    lines.push("");
  }
  return lines.join("\n") + "\n";
}
