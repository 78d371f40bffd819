/** Tries per channel before the channel counts as failed (the first try and three retries). */
export const MAX_TRIES_PER_CHANNEL = 4;
const BASE_SECONDS = 2;
const CAP_SECONDS = 60;

/**
 * Seconds to wait before try `nextTry` (1, 2, …): capped exponential backoff with "equal jitter"
 * (half fixed, half random), so retries of many messages spread out instead of arriving together.
 */
export function backoffSeconds(nextTry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** (nextTry - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}
