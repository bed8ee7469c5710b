/**
 * The only ways a user's words (strategy names, descriptions, node labels and ids) reach
 * generated code: as a comment that cannot end early, as an escaped string literal, or as an
 * identifier built from letters and digits alone. Every generator goes through these.
 */

/**
 * Characters that end a line in at least one target (JS ends comments at U+2028/U+2029 too),
 * other control characters, and the bidirectional overrides that make code read differently
 * from how it runs ("Trojan Source").
 */
function unsafeInComment(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** One line of comment text: line breaks and control characters become spaces, length is capped. */
export function commentText(text: string, maxLength = 300): string {
  const flat = Array.from(text, (char) => (unsafeInComment(char.charCodeAt(0)) ? " " : char))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  // A lone surrogate would make the file invalid UTF-8.
  const whole = flat.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "?");
  return whole.length > maxLength ? `${whole.slice(0, maxLength - 1)}…` : whole;
}

/** Paragraph text as comment lines (each sanitised), wrapped near `width` characters. */
export function commentParagraph(text: string, width = 96, maxLines = 12): string[] {
  const words = commentText(text, width * maxLines)
    .split(" ")
    .filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, "0");
}

/** A JavaScript string literal: double quotes, and everything outside printable ASCII escaped. */
export function jsString(text: string): string {
  let out = '"';
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    const char = text[k];
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += `\\u${hex4(code)}`;
  }
  return `${out}"`;
}

/** A Python string literal: double quotes, everything outside printable ASCII escaped by code point. */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code >= 0xd800 && code <= 0xdfff) out += "?";
    else if (code <= 0xffff) out += `\\u${hex4(code)}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/**
 * A Pine Script string literal. Pine has no \u escapes, so characters that could end the line or
 * confuse a reader are dropped; quotes and backslashes are escaped.
 */
export function pineString(text: string): string {
  const safe = commentText(text, 200);
  return `"${safe.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A number as a literal every target reads back as the same float64 (shortest round-trip form). */
export function numberText(value: number): string {
  if (Number.isNaN(value)) throw new Error("numberText: NaN has no literal; callers spell it per target.");
  return String(value);
}

/** Words of a name, ASCII letters and digits only: "fastSMA-2" → ["fast", "sma", "2"]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export const camelCase = (parts: readonly string[]) =>
  parts.map((word, k) => (k === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
export const snakeCase = (parts: readonly string[]) => parts.join("_");
