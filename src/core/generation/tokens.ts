// Token arithmetic without a tokenizer: ≈ 4 characters per token holds well enough for English prose across
// the providers we target, and a budget only needs to be safe, not exact.
import type { ChatMessage } from '../../shared/protocol';
import { LIMITS } from '../../shared/limits';

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Per-message overhead (role, separators) that providers add; small but it keeps budgets honest. */
const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateMessagesTokens(messages: readonly ChatMessage[]): number {
  let tokens = 0;
  for (const m of messages) tokens += estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS;
  return tokens;
}

/** Default cap: models stop near 2,000 words per call anyway, so more only wastes a provider's limit. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_000;

/**
 * Output allowance for ~`words` of prose: ≈1.35 tokens per English word, plus 30% head-room so a model that
 * runs a little long is not cut mid-sentence.
 */
export function maxOutputTokensFor(words: number, cap = DEFAULT_MAX_OUTPUT_TOKENS): number {
  const wanted = Math.ceil(Math.max(words, 50) * 1.35 * 1.3);
  return Math.max(1, Math.min(wanted, cap, LIMITS.maxOutputTokens));
}
