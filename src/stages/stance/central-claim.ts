/**
 * The article's central claim: the proposition every statement's stance is measured against. A
 * claim the caller passes wins; otherwise the headline, when it makes a claim. Questions ("Which
 * side will Egypt take?") and format labels ("Wikinews interviews X", "Live: ...") claim nothing.
 */
import type { Article, CentralClaim } from '../../doc/schema.js'
import { WhosaidError } from '../../errors.js'

/** Longest claim a caller may pass, in characters: a proposition, not an article. */
export const MAX_CLAIM_LENGTH = 1000
/** Headline parts that name a format rather than state anything ("Live: ...", "Q&A"). */
const FORMAT_LABEL = /\bQ\s?&\s?A\b|^(?:live|watch|listen|opinion|analysis|explainer|editorial|review|obituary|in pictures|photos?|videos?|podcast|quiz)\s*[:|–—-]/i
/** An interview announced, in any part of the headline: "Interview with X", "Wikinews interviews X", "X interviewed by Y". */
const INTERVIEW = /^(?:an?\s+)?interview\b|^\S+\s+interviews\b|\binterviewed by\b/i
const MIN_CLAIM_WORDS = 3

/** A caller's claim, checked: trimmed, not empty, one line of reasonable length. Throws E010 otherwise. */
export function checkClaim(claim: string, where = 'claim'): string {
  const trimmed = claim.trim().replace(/\s+/g, ' ')
  if (!trimmed) throw new WhosaidError('E010', 'the claim is empty; pass a proposition such as "Egypt will side with Saudi Arabia"', where)
  if (trimmed.length > MAX_CLAIM_LENGTH) throw new WhosaidError('E010', `the claim is ${trimmed.length} characters long; at most ${MAX_CLAIM_LENGTH} are accepted`, where)
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(trimmed)) throw new WhosaidError('E010', 'the claim holds control characters', where)
  return trimmed
}

/** True when a headline reads as a question: it ends in a question mark, or asks "which side" without one. */
export function isQuestion(headline: string): boolean {
  const text = headline.trim().replace(/["'”’»)]+$/, '')
  return text.endsWith('?') || text.endsWith('؟') || /\bwhich side\b/i.test(text)
}

/** True when a headline states something that can be agreed or disagreed with. */
export function isClaimHeadline(headline: string | null): boolean {
  if (!headline) return false
  const text = headline.trim()
  if (text.split(/\s+/).length < MIN_CLAIM_WORDS) return false
  const parts = text.split(/\s*:\s*/)
  return !isQuestion(text) && !FORMAT_LABEL.test(text) && !parts.some((part) => INTERVIEW.test(part))
}

export function centralClaimOf(article: Article, requested: string | null | undefined): CentralClaim | null {
  if (requested !== undefined && requested !== null) return { text: checkClaim(requested), source: 'request' }
  if (article.headline && isClaimHeadline(article.headline)) return { text: article.headline.trim(), source: 'headline' }
  return null
}
