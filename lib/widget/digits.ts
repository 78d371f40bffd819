/**
 * Decimal digits of any script (Arabic-Indic, Devanagari, full-width…) → ASCII. Unicode assigns
 * every script's digits as runs of ten consecutive code points starting at zero, so a digit's value
 * is its distance from the start of its run, modulo 10 (some runs hold several sets of ten).
 */
const DIGIT = /\p{Nd}/u;
let runStarts: Map<number, number> | undefined;

function valueOf(codePoint: number): number {
  runStarts ??= new Map();
  let start = runStarts.get(codePoint);
  if (start === undefined) {
    start = codePoint;
    while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
    runStarts.set(codePoint, start);
  }
  return (codePoint - start) % 10;
}

export function toAsciiDigits(text: string): string {
  let out = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    out += codePoint > 0x7f && DIGIT.test(char) ? String(valueOf(codePoint)) : char;
  }
  return out;
}
