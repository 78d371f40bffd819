/**
 * How long to wait before retrying something that failed, and when to give up. One rule for every
 * retried job, with a named schedule per kind of work: a wait that grows by `growth` per failed try,
 * up to `capSeconds`, and jitter (a random share of it) so that retries of many jobs that failed
 * together (a provider or a receiver down) do not all come back in the same second.
 */
export type BackoffSchedule = {
  /** Tries in all, the first one included: after this many failures there is no next try. */
  maxTries: number;
  /** The wait after the first failure, before jitter. */
  firstDelaySeconds: number;
  /** Each further failure multiplies the wait by this. */
  growth: number;
  /** The wait never exceeds this, before jitter. */
  capSeconds: number;
  /** The wait is drawn uniformly between these shares of the computed one. */
  jitter: readonly [low: number, high: number];
};

export const SCHEDULES = {
  /**
   * A message on one channel (lib/delivery): the first try and three retries, 2 s, 4 s, 8 s apart
   * ("equal jitter": between half and all of it), so a dead provider falls back to the next
   * channel while the code is still fresh.
   */
  delivery: { maxTries: 4, firstDelaySeconds: 2, growth: 2, capSeconds: 60, jitter: [0.5, 1] },
  /**
   * A webhook (lib/webhooks): the first try and 7 retries, 15 s, 1 min, 4 min, 16 min, 64 min,
   * 4.3 h, 17 h (≈ 23 h in all), each ±20 %: a receiver may be down for most of a day.
   */
  webhook: { maxTries: 8, firstDelaySeconds: 15, growth: 4, capSeconds: Number.POSITIVE_INFINITY, jitter: [0.8, 1.2] },
} as const satisfies Record<string, BackoffSchedule>;

/**
 * Seconds to wait after `failedTries` failed tries (1 after the first) before the next one, or null
 * when the schedule allows no more tries.
 */
export function retryDelaySeconds(schedule: BackoffSchedule, failedTries: number, random: () => number = Math.random): number | null {
  if (failedTries >= schedule.maxTries) return null;
  const base = Math.min(schedule.capSeconds, schedule.firstDelaySeconds * schedule.growth ** (Math.max(1, failedTries) - 1));
  const [low, high] = schedule.jitter;
  return base * (low + (high - low) * random());
}
