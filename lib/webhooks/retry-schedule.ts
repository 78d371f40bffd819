/** Attempts per delivery before it is given up as `failed` (the first try plus 7 retries, about a day). */
export const MAX_WEBHOOK_ATTEMPTS = 8;

const FIRST_RETRY_MS = 15_000;
const GROWTH = 4;

/**
 * The wait before the next attempt after `attempts` failed ones: 15 s, 1 min, 4 min, 16 min, 64 min,
 * 4.3 h, 17 h (≈ 23 h in all), each ±20 % at random so that receivers coming back after an outage
 * are not hit by every sender's retries in the same second. Null: no attempt is left.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_WEBHOOK_ATTEMPTS) return null;
  const base = FIRST_RETRY_MS * GROWTH ** (attempts - 1);
  return Math.round(base * (0.8 + 0.4 * random()));
}
