/** Base64 of UTF-8 text and back, without Buffer or btoa so it runs the same in Node and browsers. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k];
    const b = k + 1 < bytes.length ? bytes[k + 1] : 0;
    const c = k + 2 < bytes.length ? bytes[k + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[(triple >> 18) & 63] + ALPHABET[(triple >> 12) & 63];
    out += k + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : "=";
    out += k + 2 < bytes.length ? ALPHABET[triple & 63] : "=";
  }
  return out;
}

/** The bytes, or null when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let k = 0; k < text.length; k += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const char = text[k + j];
      triple = (triple << 6) | (char === "=" ? 0 : ALPHABET.indexOf(char));
    }
    for (let j = 2; j >= 0 && at < bytes.length; j--) bytes[at++] = (triple >> (8 * j)) & 255;
  }
  return bytes;
}
