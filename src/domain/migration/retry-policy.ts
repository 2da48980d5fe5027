import type { MigrationPolicy } from './migration-types.js';

/**
 * Defaults the orchestrator's config overrides. The admin threshold is a placeholder: each
 * installation sets its own; the policy is copied onto the migration when it is created so a
 * config change never alters a migration already in flight.
 */
export const DEFAULT_MIGRATION_POLICY: MigrationPolicy = Object.freeze({
  maxAttemptsPerStep: 5,
  backoffBaseSeconds: 30,
  backoffMaxSeconds: 3600,
  adminApprovalAboveUsd: '1000',
  cutoverSoakSeconds: 3600,
});

/** FNV-1a, 32 bits, over UTF-16 code units: a stable, dependency-free hash for jitter. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A fraction in [0, 1) from text. FNV-1a alone barely moves its high bits when only the last
 * character changes ("…#1" vs "…#2"), so MurmurHash3's fmix32 finaliser spreads them first.
 */
export function jitterFraction(text: string): number {
  let h = fnv1a32(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * Seconds to wait after failed attempt `attempt` (1-based) of the job with idempotency key `key`:
 *
 *   ceiling = min(backoffMaxSeconds, backoffBaseSeconds × 2^(attempt − 1))
 *   delay   = ceiling / 2 + u × ceiling / 2,   u = jitterFraction("key#attempt") ∈ [0, 1)
 *
 * "Equal jitter": never less than half the ceiling (the provider gets real rest), spread over
 * the other half so many steps failing together do not retry together. u comes from the key,
 * not Math.random, so the same history always yields the same schedule (replayable, testable).
 * Rounded up to whole milliseconds.
 */
export function backoffSeconds(
  key: string,
  attempt: number,
  policy: Pick<MigrationPolicy, 'backoffBaseSeconds' | 'backoffMaxSeconds'>,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.backoffMaxSeconds, policy.backoffBaseSeconds * 2 ** exponent);
  const u = jitterFraction(`${key}#${attempt}`);
  return Math.ceil((ceiling / 2 + (u * ceiling) / 2) * 1000) / 1000;
}

export function addSeconds(now: Date, seconds: number): string {
  return new Date(now.getTime() + Math.round(seconds * 1000)).toISOString();
}
