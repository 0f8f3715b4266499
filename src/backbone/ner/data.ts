/**
 * Readers for the NER corpora in ../shared/data and for unlabelled text.
 *
 * Every labelled reader returns sentences of words plus non-overlapping spans
 * typed with the internal classes PERSON / ORG / LOC / NORP.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { NORP_WORDS, TITLES } from "./lexicon.js";
import { tagsToSpans, type Span } from "./tags.js";
import { parseConllu, sentenceId } from "../conllu.js";

export interface NerSentence {
  words: string[];
  spans: Span[];
  /** document id (for splits) */
  doc: string;
  /** sentence id, when the corpus has one (UD `# sent_id`) */
  id?: string;
  /** predicted POS tags (the backbone tagger's, or jackknifed ones for its training data; pos.ts) */
  upos?: string[];
  xpos?: string[];
}

/** Folder holding package.json, found by walking up from this module. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("ner: package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** $WHOSAID_DATA or <repo>/../shared/data */
export function dataDir(): string {
  const env = process.env["WHOSAID_DATA"];
  if (env) return resolve(env);
  return resolve(repoRoot(), "..", "shared", "data");
}

export function defaultModelsDir(): string {
  return join(repoRoot(), "models");
}

// ---------------------------------------------------------------- UNER (IOB2)

const UNER_MAP: Record<string, string> = { PER: "PERSON", ORG: "ORG", LOC: "LOC" };

export function readUner(split: "dev" | "test"): NerSentence[] {
  const text = readFileSync(join(dataDir(), "uner_english_ewt", `en_ewt-ud-${split}.iob2`), "utf8");
  const out: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let doc = "";
  let id = "";
  const flush = (): void => {
    if (words.length) {
      const spans = tagsToSpans(tags)
        .filter((s) => UNER_MAP[s.type])
        .map((s) => ({ ...s, type: UNER_MAP[s.type]! }));
      out.push({ words, spans, doc, id });
    }
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) {
      const m = /^#\s*sent_id\s*=\s*(.*)$/.exec(line);
      if (m) {
        id = m[1]!.trim();
        doc = id.replace(/-\d+$/, "");
      }
      continue;
    }
    const c = line.split("\t");
    words.push(c[1]!);
    tags.push(c[2] ?? "O");
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- wikigold (IOB1)

export function readWikigold(): NerSentence[] {
  const text = readFileSync(join(dataDir(), "wikigold", "wikigold.conll.txt"), "utf8");
  const out: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let docNo = 0;
  const flush = (): void => {
    if (words.length) {
      const spans: Span[] = [];
      for (const s of tagsToSpans(tags)) {
        if (s.type === "PER") spans.push({ ...s, type: "PERSON" });
        else if (s.type === "ORG" || s.type === "LOC") spans.push(s);
        else if (s.type === "MISC" && s.end - s.start === 1 && NORP_WORDS.has(words[s.start]!.toLowerCase()))
          spans.push({ ...s, type: "NORP" });
      }
      out.push({ words, spans, doc: "wikigold-" + docNo });
    }
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    const sp = line.lastIndexOf(" ");
    const w = line.slice(0, sp);
    if (w === "-DOCSTART-") {
      flush();
      docNo++;
      continue;
    }
    words.push(w);
    tags.push(line.slice(sp + 1));
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- re3d

const RE3D_MAP: Record<string, string> = { Person: "PERSON", Organisation: "ORG", Location: "LOC", Nationality: "NORP" };
const PRONOUNS = new Set(["i", "we", "they", "he", "she", "it", "us", "them", "you", "me", "him"]);
const DETS = new Set(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my"]);

function isCap(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && w[0] !== w[0]!.toLowerCase());
}

/**
 * re3d labels descriptions and pronouns too ("the Army", "he", "Foreign
 * Secretary Philip Hammond"): leading determiners / lowercase words and
 * (for people) leading titles are stripped, and spans without a capitalised
 * word are dropped.
 */
export function readRe3d(split: "train" | "test"): NerSentence[] {
  const text = readFileSync(join(dataDir(), "re3d", `re3d-${split}.conll`), "utf8");
  const out: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let n = 0;
  const flush = (): void => {
    if (words.length) {
      const spans: Span[] = [];
      for (const s0 of tagsToSpans(tags)) {
        const type = RE3D_MAP[s0.type];
        if (!type) continue;
        let a = s0.start;
        const b = s0.end;
        while (a < b && (DETS.has(words[a]!.toLowerCase()) || !isCap(words[a]!))) a++;
        if (type === "PERSON") {
          let t = a;
          while (t < b && (TITLES.has(words[t]!.toLowerCase()) || /^(of|for|the|and|middle|east|state|affairs|defence|defense|home|development)$/i.test(words[t]!))) t++;
          if (t < b) a = t;
          else continue;
        }
        if (a >= b) continue;
        if (!words.slice(a, b).some(isCap)) continue;
        if (b - a === 1 && PRONOUNS.has(words[a]!.toLowerCase())) continue;
        spans.push({ start: a, end: b, type });
      }
      out.push({ words, spans, doc: `re3d-${split}-${Math.floor(n / 20)}` });
      n++;
    }
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      flush();
      continue;
    }
    const c = line.split("\t");
    words.push(c[0]!);
    tags.push(c[1] ?? "O");
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- GUM

export interface GumToken {
  form: string;
  upos: string;
  head: number; // 0-based, -1 root
  misc: string;
}

interface Mention {
  start: number;
  end: number;
  etype: string;
}

export { gumSplits } from "../paths.js";

export function readGumDoc(doc: string): GumToken[][] {
  const text = gunzipSync(readFileSync(join(dataDir(), "gum", "dep", doc + ".conllu.gz"))).toString("utf8");
  const sents: GumToken[][] = [];
  let cur: GumToken[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (cur.length) sents.push(cur);
      cur = [];
      continue;
    }
    if (line.startsWith("#")) continue;
    const c = line.split("\t");
    if (c[0]!.includes("-") || c[0]!.includes(".")) continue;
    cur.push({ form: c[1]!, upos: c[3]!, head: Number(c[6]) - 1, misc: c[9] ?? "_" });
  }
  if (cur.length) sents.push(cur);
  return sents;
}

/** Mentions of one sentence from the CorefUD `Entity=` brackets in MISC. */
export function gumMentions(toks: GumToken[]): Mention[] {
  const open = new Map<string, { start: number; etype: string }[]>();
  const out: Mention[] = [];
  for (let i = 0; i < toks.length; i++) {
    const m = /(?:^|\|)Entity=([^|]*)/.exec(toks[i]!.misc);
    if (!m) continue;
    const s = m[1]!;
    let p = 0;
    while (p < s.length) {
      if (s[p] === "(") {
        let q = p + 1;
        while (q < s.length && s[q] !== "(" && s[q] !== ")") q++;
        const body = s.slice(p + 1, q);
        const parts = body.split("-");
        const id = parts[0]!;
        const etype = parts[1] ?? "";
        if (s[q] === ")") {
          out.push({ start: i, end: i + 1, etype });
          p = q + 1;
        } else {
          let st = open.get(id);
          if (!st) open.set(id, (st = []));
          st.push({ start: i, etype });
          p = q;
        }
      } else if (/[0-9A-Za-z]/.test(s[p]!)) {
        let q = p;
        while (q < s.length && s[q] !== ")" && s[q] !== "(") q++;
        const id = s.slice(p, q);
        const st = open.get(id);
        const e = st?.pop();
        if (e) out.push({ start: e.start, end: i + 1, etype: e.etype });
        p = q + 1;
      } else p++;
    }
  }
  return out;
}

const GUM_TYPES: Record<string, string> = { person: "PERSON", organization: "ORG", place: "LOC" };
const CONNECTORS = new Set(["of", "the", "de", "du", "des", "la", "le", "del", "della", "di", "da", "van", "von", "der", "den", "&", "-", "for", "al", "el", "bin", "ibn", "y", "on", "upon"]);

function nameLike(t: GumToken): boolean {
  if (t.upos === "PROPN") return true;
  if (!isCap(t.form)) return /^[IVX]+$/.test(t.form) && t.upos === "NUM";
  return t.upos === "ADJ" || t.upos === "NOUN" || t.upos === "NUM" || t.upos === "X" || t.upos === "VERB";
}

/**
 * Named entity spans of a GUM sentence.
 *
 * A mention of type person / organization / place is *named* when its head
 * token (the first token of the mention whose syntactic head lies outside the
 * mention) is a PROPN. Its name span is the maximal run of name-like tokens
 * (PROPN, or capitalised ADJ / NOUN / VERB / NUM — GUM tags "United" in "United States" VERB — or a Roman numeral) around the head
 * inside the mention, bridging up to two lowercase connectors ("of", "the",
 * "de", "al", "-" ...) when a name-like token follows; so determiners,
 * possessive 's, appositions and relative clauses are left out, as in UNER.
 * Leading titles (Dr., President, Sheikh ...) are stripped from person names.
 * Overlaps (e.g. "University of Paris" over "Paris") keep the longer span.
 */
export function gumNamedSpans(toks: GumToken[]): Span[] {
  const cands: Span[] = [];
  for (const m of gumMentions(toks)) {
    const type = GUM_TYPES[m.etype];
    if (!type) continue;
    let head = -1;
    for (let i = m.start; i < m.end; i++) {
      const h = toks[i]!.head;
      if ((h < m.start || h >= m.end) && toks[i]!.upos !== "PUNCT") {
        head = i;
        break;
      }
    }
    if (head < 0 || toks[head]!.upos !== "PROPN") continue;
    let a = head;
    let b = head + 1;
    for (;;) {
      if (a - 1 >= m.start && nameLike(toks[a - 1]!)) {
        a--;
        continue;
      }
      let k = 1;
      while (k <= 2 && a - k >= m.start && CONNECTORS.has(toks[a - k]!.form.toLowerCase())) k++;
      if (k > 1 && a - k >= m.start && nameLike(toks[a - k]!) && toks[a - k]!.form.toLowerCase() !== "the") {
        a -= k;
        continue;
      }
      break;
    }
    for (;;) {
      if (b < m.end && nameLike(toks[b]!)) {
        b++;
        continue;
      }
      let k = 0;
      while (k < 2 && b + k < m.end && CONNECTORS.has(toks[b + k]!.form.toLowerCase())) k++;
      if (k > 0 && b + k < m.end && nameLike(toks[b + k]!)) {
        b += k + 1;
        continue;
      }
      break;
    }
    // a leading "The" that is capitalised mid-sentence belongs to names like "The Hague"; keep others out
    while (a < b && toks[a]!.form.toLowerCase() === "the" && !(toks[a]!.form === "The" && a > 0)) a++;
    let t = type;
    if (t === "PERSON") {
      if (TITLES.has(toks[head]!.form.toLowerCase())) continue;
      for (let j = head - 1; j >= a; j--) {
        if (TITLES.has(toks[j]!.form.toLowerCase())) {
          a = j + 1;
          break;
        }
      }
      while (a < b && CONNECTORS.has(toks[a]!.form.toLowerCase())) a++;
    }
    if (a >= b) continue;
    if (b - a === 1 && NORP_WORDS.has(toks[a]!.form.toLowerCase())) t = "NORP";
    cands.push({ start: a, end: b, type: t });
  }
  cands.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const taken = new Uint8Array(toks.length);
  const out: Span[] = [];
  for (const s of cands) {
    let free = true;
    for (let i = s.start; i < s.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = s.start; i < s.end; i++) taken[i] = 1;
    out.push(s);
  }
  return out.sort((x, y) => x.start - y.start);
}

export function readGum(docs: string[]): NerSentence[] {
  const out: NerSentence[] = [];
  for (const doc of docs) {
    for (const toks of readGumDoc(doc)) {
      out.push({ words: toks.map((t) => t.form), spans: gumNamedSpans(toks), doc });
    }
  }
  return out;
}

// ---------------------------------------------------------------- NORP relabelling

/**
 * Corpora without a NORP class (UNER, GUM, wikigold) leave nationalities as O.
 * For training, capitalised single tokens from the NORP list that are outside
 * every span become NORP spans, so all corpora agree (UNER scoring drops NORP,
 * which mirrors its guideline that nationalities are not entities).
 */
export function addNorp(sents: NerSentence[]): NerSentence[] {
  for (const s of sents) {
    const taken = new Uint8Array(s.words.length);
    for (const sp of s.spans) for (let i = sp.start; i < sp.end; i++) taken[i] = 1;
    let added = false;
    for (let i = 0; i < s.words.length; i++) {
      const w = s.words[i]!;
      if (!taken[i] && isCap(w) && NORP_WORDS.has(w.toLowerCase())) {
        s.spans.push({ start: i, end: i + 1, type: "NORP" });
        added = true;
      }
    }
    if (added) s.spans.sort((a, b) => a.start - b.start);
  }
  return sents;
}

// ---------------------------------------------------------------- POS-tagged training text

/** (form, UPOS) sentences of UD EWT train and GUM train documents (gold POS; no dev / test). */
export function taggedTrainText(gumTrainDocs: string[]): { form: string; upos: string }[][] {
  const out: { form: string; upos: string }[][] = [];
  const p = join(dataDir(), "ud_english_ewt", "en_ewt-ud-train.conllu");
  if (existsSync(p)) {
    let cur: { form: string; upos: string }[] = [];
    for (const line of readFileSync(p, "utf8").split(/\r?\n/)) {
      if (line.trim() === "") {
        if (cur.length) out.push(cur);
        cur = [];
      } else if (!line.startsWith("#")) {
        const c = line.split("\t");
        if (!c[0]!.includes("-") && !c[0]!.includes(".")) cur.push({ form: c[1]!, upos: c[3]! });
      }
    }
    if (cur.length) out.push(cur);
  }
  for (const d of gumTrainDocs) for (const s of readGumDoc(d)) out.push(s.map((t) => ({ form: t.form, upos: t.upos })));
  return out;
}

// ---------------------------------------------------------------- unlabelled text

/** Simple PTB-like tokenizer for raw text (clusters only). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /[A-Za-z\u00C0-\u024F]+(?:[.'’-][A-Za-z\u00C0-\u024F]+)*\.?|\d+(?:[.,:]\d+)*|n't|'s|\S/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let t = m[0];
    // keep the trailing period only for short abbreviations (Dr., U.S.)
    if (t.length > 1 && t.endsWith(".") && !/^([A-Z][a-z]{0,3}\.|([A-Za-z]\.)+)$/.test(t)) {
      out.push(t.slice(0, -1));
      out.push(".");
      continue;
    }
    const ap = /^(.+)(['’]s)$/.exec(t);
    if (ap && ap[1]!.length > 1) {
      out.push(ap[1]!);
      out.push("'s");
      continue;
    }
    out.push(t);
  }
  return out;
}

function parseCsvBodies(text: string, column: number): string[] {
  const out: string[] = [];
  let row: string[] = [];
  let field = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else q = false;
      } else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      field = "";
      if (row.length > column) out.push(row[column]!);
      row = [];
    } else if (ch !== "\r") field += ch;
  }
  if (field || row.length) {
    row.push(field);
    if (row.length > column) out.push(row[column]!);
  }
  return out.slice(1);
}

/**
 * Unlabelled token sequences (one array per sentence / paragraph) from every
 * corpus in the data folder: GUM, EWT, UNER, wikigold and re3d tokens (any
 * split: only their words are used, never labels), PolNeAR and FNC-1 text.
 */
export function unlabelledText(): string[][] {
  const dd = dataDir();
  const out: string[][] = [];
  for (const f of readdirSync(join(dd, "gum", "dep")).sort()) {
    if (!f.endsWith(".conllu.gz")) continue;
    for (const s of readGumDoc(f.replace(/\.conllu\.gz$/, ""))) out.push(s.map((t) => t.form));
  }
  for (const split of ["train", "dev", "test"]) {
    const p = join(dd, "ud_english_ewt", `en_ewt-ud-${split}.conllu`);
    if (!existsSync(p)) continue;
    let cur: string[] = [];
    for (const line of readFileSync(p, "utf8").split(/\r?\n/)) {
      if (line.trim() === "") {
        if (cur.length) out.push(cur);
        cur = [];
      } else if (!line.startsWith("#")) {
        const c = line.split("\t");
        if (!c[0]!.includes("-") && !c[0]!.includes(".")) cur.push(c[1]!);
      }
    }
  }
  for (const s of readWikigold()) out.push(s.words);
  for (const s of readRe3d("train")) out.push(s.words);
  for (const s of readRe3d("test")) out.push(s.words);
  for (const s of readUner("dev")) out.push(s.words);
  for (const s of readUner("test")) out.push(s.words);
  for (const split of ["train", "dev", "test"]) {
    const d = join(dd, "polnear", split, "text");
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      for (const para of readFileSync(join(d, f), "utf8").split(/\n+/)) {
        const t = tokenize(para);
        if (t.length) out.push(t);
      }
    }
  }
  for (const f of ["train_bodies.csv", "competition_test_bodies.csv"]) {
    const p = join(dd, "fnc1", f);
    if (!existsSync(p)) continue;
    const seen = new Set<string>();
    for (const body of parseCsvBodies(readFileSync(p, "utf8"), 1)) {
      if (seen.has(body)) continue;
      seen.add(body);
      for (const para of body.split(/\n+/)) {
        const t = tokenize(para);
        if (t.length) out.push(t);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- synthetic Arabic-origin names

/**
 * A few hundred template sentences with Arabic-origin person names built from
 * particles (al-, el-, bin, ibn, Abu, Abd al-) and titles, tokenised like the
 * treebanks ("al - Sisi"). The labelled corpora have few such names.
 */
export function syntheticArabicNames(n: number, seed: number): NerSentence[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const first = ["Ahmed", "Mohamed", "Muhammad", "Hassan", "Omar", "Khaled", "Mahmoud", "Ali", "Yusuf", "Ibrahim", "Abdullah", "Osama", "Hamza", "Tariq", "Samir", "Nabil", "Fatima", "Aisha", "Walid", "Ayman", "Hussein", "Mustafa", "Salman", "Faisal", "Karim"];
  const last = ["Sisi", "Tayeb", "Assad", "Masri", "Baghdadi", "Zawahiri", "Maliki", "Hashimi", "Qaradawi", "Sadr", "Khatib", "Husseini", "Jaafari", "Abadi", "Amiri", "Laden", "Saud", "Thani", "Nahyan", "Sabah", "Rahman", "Hamid", "Aziz", "Nasser", "Ansari"];
  const titles = ["Sheikh", "President", "Dr.", "Ayatollah", "Imam", "General", "Prince", "King", "Minister", "Mr.", "Colonel", "Emir", "Grand Mufti"];
  const places = ["Cairo", "Baghdad", "Damascus", "Riyadh", "Gaza", "Beirut", "Tehran", "Kabul", "Abbottabad", "Aleppo", "Mosul", "Doha", "Amman", "Tripoli", "Sanaa", "Pakistan", "Egypt", "Syria", "Iraq", "Yemen"];
  const name = (): string[] => {
    const f = pick(first);
    const l = pick(last);
    switch (Math.floor(rnd() * 6)) {
      case 0:
        return [f, "al", "-", l];
      case 1:
        return [f, "el", "-", l];
      case 2:
        return [f, "bin", l];
      case 3:
        return ["Abu", f, "al", "-", l];
      case 4:
        return ["Abd", "al", "-", pick(["Fattah", "Aziz", "Rahman", "Karim", "Hamid"]), "al", "-", l];
      default:
        return [f, pick(first), "al", "-", l];
    }
  };
  const out: NerSentence[] = [];
  for (let i = 0; i < n; i++) {
    const nm = name();
    const place = pick(places);
    const words: string[] = [];
    const spans: Span[] = [];
    const addName = (): void => {
      spans.push({ start: words.length, end: words.length + nm.length, type: "PERSON" });
      words.push(...nm);
    };
    const addPlace = (): void => {
      spans.push({ start: words.length, end: words.length + 1, type: "LOC" });
      words.push(place);
    };
    switch (i % 4) {
      case 0:
        words.push(...pick(titles).split(" "));
        addName();
        words.push("said", "on", pick(["Monday", "Tuesday", "Friday"]), "that", "talks", "in");
        addPlace();
        words.push("would", "continue", ".");
        break;
      case 1:
        words.push("Officials", "said");
        addName();
        words.push("was", pick(["killed", "arrested", "seen", "born"]), "in");
        addPlace();
        words.push(".");
        break;
      case 2:
        addName();
        words.push(",", "the", pick(["former", "new", "senior"]), pick(["leader", "cleric", "commander", "minister"]), ",", "arrived", "in");
        addPlace();
        words.push("late", "on", "Sunday", ".");
        break;
      default:
        words.push("In");
        addPlace();
        words.push(",", pick(titles).split(" ")[0]!);
        addName();
        words.push("told", "reporters", "the", "attack", "was", "condemned", ".");
    }
    out.push({ words, spans, doc: "synthetic" });
  }
  return out;
}

// ---------------------------------------------------------------- silver spans from UD EWT train

export interface UdToken {
  form: string;
  upos: string;
  /** 0-based, -1 root */
  head: number;
  deprel: string;
}

/** Sentences of a UD CoNLL-U file (syntactic words; multiword tokens and empty nodes left out) with their document ids. */
export function readConllu(path: string): { doc: string; id: string; toks: UdToken[] }[] {
  let doc = "";
  return parseConllu(readFileSync(path, "utf8")).map((s) => {
    for (const c of s.comments) {
      const d = /^#\s*newdoc id\s*=\s*(.*)$/.exec(c);
      if (d) doc = d[1]!.trim();
    }
    const id = sentenceId(s) ?? "";
    const toks = s.words.map((form, i) => ({ form, upos: s.upos[i]!, head: s.heads[i]! - 1, deprel: s.deprels[i]! }));
    return { doc: doc || id.replace(/-\d+$/, ""), id, toks };
  });
}

/** Lowercase tokens that may join two proper-noun runs into one name ("Bank of America", "Al - Zaman", "bin Laden"). */
const NAME_JOINERS = new Set(["of", "de", "du", "des", "la", "le", "del", "della", "di", "da", "van", "von", "der", "den", "&", "-", "al", "el", "bin", "ibn", "y"]);

/**
 * Candidate name spans of a sentence with gold UPOS: maximal runs of PROPN
 * tokens, joined across one or two joiner tokens (NAME_JOINERS) when the
 * joiners and both sides hang together in the dependency tree, and split where
 * two neighbouring PROPN tokens are not linked (neither heads the other nor do
 * they share a head inside the run), as in "Bush Iraq" headlines. The spans
 * are untyped; a model types them (see NerModel.typeSpans).
 */
export function propnSpans(toks: readonly UdToken[]): { start: number; end: number }[] {
  const n = toks.length;
  const isP = (i: number): boolean => i >= 0 && i < n && toks[i]!.upos === "PROPN";
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < n) {
    if (!isP(i)) {
      i++;
      continue;
    }
    const a = i;
    let b = i + 1;
    for (;;) {
      if (isP(b) && linked(toks, a, b)) {
        b++;
        continue;
      }
      let k = 0;
      while (k < 2 && b + k < n && NAME_JOINERS.has(toks[b + k]!.form.toLowerCase())) k++;
      if (k > 0 && isP(b + k) && linked(toks, a, b + k)) {
        // the joiners must attach inside the name
        let inside = true;
        for (let j = b; j < b + k; j++) if (toks[j]!.head < a || toks[j]!.head > b + k) inside = false;
        if (inside) {
          b += k + 1;
          continue;
        }
      }
      break;
    }
    // a capitalised adjective or noun modifying the name from the left belongs to it ("Greater Noida", "United Way")
    let a2 = a;
    while (a2 > 0 && a2 - 1 >= (out.length ? out[out.length - 1]!.end : 0)) {
      const t = toks[a2 - 1]!;
      if (!((t.upos === "ADJ" || t.upos === "NOUN") && isCap(t.form) && (t.deprel === "amod" || t.deprel === "compound") && t.head >= a && t.head < b)) break;
      if (NORP_WORDS.has(t.form.toLowerCase()) || a2 - 1 === 0) break;
      a2--;
    }
    out.push({ start: a2, end: b });
    i = b;
  }
  return out;
}

/** Whether token j (right of the run a..j-1) is linked to the run: it heads, or is headed by, a run token, or shares a head with one. */
function linked(toks: readonly UdToken[], a: number, j: number): boolean {
  const hj = toks[j]!.head;
  if (hj >= a && hj < j) return true;
  for (let i = a; i < j; i++) {
    const hi = toks[i]!.head;
    if (hi === j || (hi === hj && hi >= 0 && toks[i]!.deprel !== "conj" && toks[j]!.deprel !== "conj" && toks[i]!.deprel !== "appos" && toks[j]!.deprel !== "appos")) return true;
  }
  return false;
}
