// Share secrets: 256 random bits shown once, kept only as a SHA-256 digest (a fast hash is right for a
// high-entropy secret: there is nothing to brute-force), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export function secretMatches(secret: string, hash: Uint8Array): boolean {
  const got = hashSecret(secret);
  return hash.length === got.length && timingSafeEqual(got, hash);
}

/** Identifies one sharing of a document: revoking and sharing again starts a new, empty generation. */
export const newGeneration = (): string => randomBytes(12).toString('base64url');
