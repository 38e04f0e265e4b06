// Request limits shared by the proxy (enforced) and the client (prompts are built to fit). Kept apart from the
// zod schemas so the page can read them without loading zod.
export const LIMITS = {
  maxBodyBytes: 2 * 1024 * 1024,
  maxMessages: 64,
  maxMessageChars: 400_000,
  maxOutputTokens: 32_000,
} as const;
