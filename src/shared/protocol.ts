// The proxy's wire protocol: one definition shared by the server (validation) and the client (types).
import { z } from 'zod';
import { LIMITS } from './limits';

export { LIMITS };

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(LIMITS.maxMessageChars),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const generateRequestSchema = z.object({
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(256),
  messages: z.array(chatMessageSchema).min(1).max(LIMITS.maxMessages),
  maxOutputTokens: z.number().int().positive().max(LIMITS.maxOutputTokens).optional(),
  temperature: z.number().min(0).max(2).optional(),
}).strict();
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

export interface Usage { inputTokens: number; outputTokens: number }

/** SSE events of POST /api/generate, keyed by `event:` name. */
export interface DeltaEvent { text: string }
export interface DoneEvent { finishReason: string; usage: Usage }
export interface StreamErrorEvent { code: string; message: string; retryable: boolean }

export const deltaEventSchema = z.object({ text: z.string() });
export const doneEventSchema = z.object({
  finishReason: z.string(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
});
export const streamErrorEventSchema = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });

/** JSON body of every failure before a stream starts. */
export interface ErrorBody { error: { code: string; message: string } }

export type ProviderKind = 'demo' | 'openai' | 'anthropic' | 'openai-compatible' | 'ollama';
export interface ModelInfo { id: string; label: string }
export interface ProviderInfo {
  id: string;
  label: string;
  kind: ProviderKind;
  available: boolean;
  reason?: string;
  models: ModelInfo[];
  /** True for the provider whose first model is the default selection. */
  default?: boolean;
}
export interface HealthInfo { ok: true; version: string }

/** Bearer token for non-loopback deployments; the client reads it from the page URL's #token= or storage. */
export const TOKEN_HEADER = 'authorization';
