/** Exact-span micro precision / recall / F1. */
import type { Span } from "./tags.js";

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  gold: number;
  pred: number;
}

export class SpanScorer {
  tp = 0;
  gold = 0;
  pred = 0;
  perType = new Map<string, { tp: number; gold: number; pred: number }>();

  private t(type: string): { tp: number; gold: number; pred: number } {
    let e = this.perType.get(type);
    if (!e) this.perType.set(type, (e = { tp: 0, gold: 0, pred: 0 }));
    return e;
  }

  add(gold: readonly Span[], pred: readonly Span[]): void {
    const key = (s: Span): string => `${s.start}:${s.end}:${s.type}`;
    const g = new Set(gold.map(key));
    this.gold += gold.length;
    this.pred += pred.length;
    for (const s of gold) this.t(s.type).gold++;
    for (const s of pred) {
      this.t(s.type).pred++;
      if (g.has(key(s))) {
        this.tp++;
        this.t(s.type).tp++;
      }
    }
  }

  static prf(tp: number, gold: number, pred: number): Prf {
    const p = pred ? tp / pred : 0;
    const r = gold ? tp / gold : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    return { p: 100 * p, r: 100 * r, f1: 100 * f1, tp, gold, pred };
  }

  result(): Prf {
    return SpanScorer.prf(this.tp, this.gold, this.pred);
  }

  typeResults(): Record<string, Prf> {
    const out: Record<string, Prf> = {};
    for (const [k, v] of [...this.perType.entries()].sort()) out[k] = SpanScorer.prf(v.tp, v.gold, v.pred);
    return out;
  }
}

export function fmtPrf(x: Prf): string {
  return `P ${x.p.toFixed(2)}  R ${x.r.toFixed(2)}  F1 ${x.f1.toFixed(2)}  (gold ${x.gold}, pred ${x.pred}, tp ${x.tp})`;
}
