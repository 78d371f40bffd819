/**
 * Every Unicode decimal digit (\p{Nd}: Arabic-Indic, Devanagari, full-width, …) → its ASCII digit, and
 * the full-width and small plus signs → "+". People type codes and numbers in their own script; a
 * phone's keyboard or autofill may hand us any of them.
 *
 * Unicode assigns decimal digits in contiguous runs of ten starting at zero (a stability policy), so
 * a digit's value is its distance from the start of its run, modulo ten (some runs of ten are adjacent).
 */
const DECIMAL_DIGIT = /\p{Nd}/u;
const PLUS_SIGNS = /[\uFF0B\uFE62]/gu;

export function foldDigits(input: string): string {
  return input.replace(PLUS_SIGNS, "+").replace(/\p{Nd}/gu, (digit) => {
    const codePoint = digit.codePointAt(0)!;
    if (codePoint <= 0x39) return digit;
    let start = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((codePoint - start) % 10);
  });
}
