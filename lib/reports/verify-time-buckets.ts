/**
 * Time-to-verify histogram of the report rollups: bucket lower bounds in seconds. Exact seconds
 * for the first minute (where most verifications land), then coarser steps up to a day (the longest
 * ttl). 126 buckets: a median read from them is exact below a minute, within 2.5 s below two
 * minutes, and within half a bucket beyond.
 */
export const VERIFY_TIME_BUCKETS: readonly number[] = [
  ...steps(0, 60, 1),
  ...steps(60, 120, 5),
  ...steps(120, 300, 15),
  ...steps(300, 900, 60),
  ...steps(900, 3600, 300),
  ...steps(3600, 86_400, 3600),
];

function steps(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step }, (_, i) => from + i * step);
}

/** The seconds a 1-based bucket index stands for: its value for 1-second buckets, else its middle. */
export function bucketSeconds(index: number): number {
  const lower = VERIFY_TIME_BUCKETS[index - 1]!;
  const upper = VERIFY_TIME_BUCKETS[index] ?? 86_400;
  return upper - lower === 1 ? lower : (lower + upper) / 2;
}

/** The SQL array literal of the bucket bounds, for width_bucket() (constants, never caller input). */
export const BUCKET_BOUNDS_SQL = `ARRAY[${VERIFY_TIME_BUCKETS.join(",")}]::int[]`;
