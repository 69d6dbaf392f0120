/**
 * Numbers as `toLocaleString("en-US")` writes them — digits grouped by commas, at most a few
 * fraction digits — without Intl: the first Intl call of a process loads ICU's number formatting,
 * 30–70 ms of a `seams simulate` start. Like ICU, it rounds the shortest decimal that reads back as
 * the number (what `String(x)` prints), half away from zero; anything else (NaN, ±∞, exponents)
 * goes to Intl itself.
 */

/** `value.toLocaleString("en-US", { maximumFractionDigits })`, the same text. */
export function formatEnUs(value: number, maximumFractionDigits = 3): string {
  const decimal = String(Math.abs(value));
  if (!Number.isFinite(value) || decimal.includes("e") || !Number.isInteger(maximumFractionDigits)) {
    return value.toLocaleString("en-US", { maximumFractionDigits });
  }
  const point = decimal.indexOf(".");
  let digits = point < 0 ? decimal : decimal.slice(0, point) + decimal.slice(point + 1);
  let integerDigits = point < 0 ? decimal.length : point;
  const kept = integerDigits + maximumFractionDigits;
  if (digits.length > kept) {
    const roundsUp = digits.charCodeAt(kept) >= 53; // "5"
    digits = digits.slice(0, kept);
    if (roundsUp) {
      digits = incremented(digits);
      if (digits.length > kept) integerDigits++; // 99.96 → 100.0
    }
  }
  const integer = digits.slice(0, integerDigits) || "0";
  const fraction = digits.slice(integerDigits).replace(/0+$/, "");
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return `${sign}${grouped(integer)}${fraction === "" ? "" : `.${fraction}`}`;
}

/** A string of decimal digits plus one in its last place ("199" → "200", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return `1${"0".repeat(digits.length)}`;
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + "0".repeat(digits.length - i - 1);
}

/** Digits grouped in threes from the right: "1234567" → "1,234,567". */
function grouped(integer: string): string {
  const head = integer.length % 3 || 3;
  let text = integer.slice(0, head);
  for (let i = head; i < integer.length; i += 3) text += `,${integer.slice(i, i + 3)}`;
  return text;
}
