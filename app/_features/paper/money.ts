/**
 * Money arrives from the ledger as NUMERIC strings ("10234.5", "-12.345678"). It is written with
 * thousands separators and cents by working on the digits, so no amount is ever rounded through a
 * float on its way to the screen.
 */
const DASH = "–";
const MINUS = "−";
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** "1234567.891" → "1,234,567.89" (half away from zero); `signed` puts "+" on gains. */
export function formatDecimal(value: string | null | undefined, { signed = false, digits = 2 } = {}): string {
  const match = value === null || value === undefined ? null : DECIMAL.exec(value.trim());
  if (!match) return DASH;
  const [, sign, whole, fraction = ""] = match;
  let digitsOut = (whole + fraction.padEnd(digits, "0").slice(0, digits)).replace(/^0+(?=\d)/, "");
  if (Number(fraction[digits] ?? "0") >= 5) digitsOut = addOne(digitsOut);
  const padded = digitsOut.padStart(digits + 1, "0");
  const integer = padded.slice(0, padded.length - digits);
  const cents = padded.slice(padded.length - digits);
  const text = `${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${digits > 0 ? `.${cents}` : ""}`;
  if (/^[0.,]+$/.test(text)) return text;
  return sign === "-" ? `${MINUS}${text}` : signed ? `+${text}` : text;
}

function addOne(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/** Whether a NUMERIC string is below, at or above zero, for the colour of a P&L. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  const match = value ? DECIMAL.exec(value.trim()) : null;
  if (!match || /^[0.]*$/.test(`${match[2]}.${match[3] ?? ""}`)) return 0;
  return match[1] === "-" ? -1 : 1;
}

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(text: string): Scaled | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const fraction = m[3] ?? "";
  return { units: BigInt(`${m[1] === "-" ? "-" : ""}${m[2]}${fraction}`), scale: fraction.length };
}

function rescaled(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

function text({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ""}`;
}

/** a − b on the decimal digits, exact: "10250.5" − "10000" → "250.5". */
export function subtractDecimal(a: string, b: string): string | null {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y) return null;
  const scale = Math.max(x.scale, y.scale);
  return text({ units: rescaled(x, scale) - rescaled(y, scale), scale });
}

/**
 * The account's value at a price, as the ledger writes it (cash + position × last price), exact.
 * The price is the float the ledger stores for the last close; its shortest decimal form is used.
 */
export function equityAt(cash: string, position: string, price: number | null): string | null {
  const c = scaled(cash);
  const q = scaled(position);
  if (!c || !q) return null;
  if (q.units === 0n) return text(c);
  const p =
    price === null || !Number.isFinite(price)
      ? null
      : scaled(String(price).includes("e") ? price.toFixed(12) : String(price));
  if (!p) return null;
  const value = { units: q.units * p.units, scale: q.scale + p.scale };
  const scale = Math.max(c.scale, value.scale);
  return text({ units: rescaled(c, scale) + rescaled(value, scale), scale });
}

/** A quantity with as many decimals as it has: "10.00000000" → "10", "0.50000000" → "0.5". */
export function formatQuantity(value: string | null | undefined): string {
  return formatDecimal(value, { digits: 8 }).replace(/\.?0+$/, "");
}
