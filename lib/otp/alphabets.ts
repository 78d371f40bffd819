/**
 * The code alphabets and their lengths, without anything server-only (the console's forms and the
 * settings schema import this). Generation and comparison are in ./code.ts.
 */
export const MIN_CODE_LENGTH = 4;
export const MAX_CODE_LENGTH = 10;

/** The fewest bits of entropy a code of the letters-only and mixed-case alphabets may have. */
export const MIN_CODE_BITS = 20;

const DIGITS = "23456789";
const UPPER = "ABCDEFGHJKMNPQRSTUVWXYZ"; // A–Z without the look-alikes I, L, O
const LOWER = "abcdefghijkmnpqrstuvwxyz"; // a–z without l and o

/**
 * The code alphabets (CONTRACT §4 `alphabet`). Every alphabet but `numeric` omits look-alikes
 * (0/O/o, 1/I/l/L). Upper-case-only alphabets are case-insensitive: what the user typed is
 * upper-cased before comparing. Mixed-case alphabets compare case-sensitively (that is where their
 * extra entropy comes from). `minLength` keeps at least MIN_CODE_BITS for the alphabets added for
 * the chat-otp style; `numeric` and `alphanumeric` keep the contract's minimum of 4.
 */
export const CODE_ALPHABETS = {
  // Digits have no case: what the user typed is compared as it is (after digit folding).
  numeric: { symbols: "0123456789", caseSensitive: true, minLength: MIN_CODE_LENGTH },
  alphanumeric: { symbols: DIGITS + UPPER, caseSensitive: false, minLength: MIN_CODE_LENGTH },
  letters: { symbols: UPPER, caseSensitive: false, minLength: minLengthFor(UPPER.length) },
  lettersMixedCase: { symbols: UPPER + LOWER, caseSensitive: true, minLength: minLengthFor(UPPER.length + LOWER.length) },
  alphanumericMixedCase: {
    symbols: DIGITS + UPPER + LOWER,
    caseSensitive: true,
    minLength: minLengthFor(DIGITS.length + UPPER.length + LOWER.length),
  },
} as const satisfies Record<string, { symbols: string; caseSensitive: boolean; minLength: number }>;

export type CodeAlphabet = keyof typeof CODE_ALPHABETS;
export const CODE_ALPHABET_NAMES = Object.keys(CODE_ALPHABETS) as [CodeAlphabet, ...CodeAlphabet[]];

function minLengthFor(symbolCount: number): number {
  return Math.max(MIN_CODE_LENGTH, Math.ceil(MIN_CODE_BITS / Math.log2(symbolCount)));
}

/** Bits of entropy per character of an alphabet (log2 of its size). */
export function bitsPerCharacter(alphabet: CodeAlphabet): number {
  return Math.log2(CODE_ALPHABETS[alphabet].symbols.length);
}

/** The shortest code an alphabet allows. */
export function minCodeLength(alphabet: CodeAlphabet): number {
  return CODE_ALPHABETS[alphabet].minLength;
}
