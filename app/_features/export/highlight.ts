/**
 * A small syntax highlighter for the export preview: splits code into comment, string, number,
 * keyword and plain tokens. Tokens are rendered as React text, never as HTML, so the code's own
 * characters can never become markup.
 */
export type TokenKind = "comment" | "string" | "number" | "keyword" | "plain";
export interface Token {
  kind: TokenKind;
  text: string;
}
export type Language = "ts" | "py" | "pine";

const KEYWORDS: Record<Language, Set<string>> = {
  ts: new Set(
    "const let var function return if else for while of in new class this import from export switch case break continue true false null undefined NaN Infinity throw".split(
      " ",
    ),
  ),
  py: new Set(
    "def return if elif else for while in not and or is None True False import from as class with lambda pass raise try except".split(
      " ",
    ),
  ),
  pine: new Set("if else for while var and or not true false na strategy input ta math".split(" ")),
};

const PATTERNS: Record<Language, RegExp> = {
  ts: /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)/g,
  py: /(#[^\n]*)|("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_][\w]*)/g,
  pine: /(\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_][\w]*)/g,
};

export function highlight(code: string, language: Language): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else if (text) tokens.push({ kind, text });
  };
  const pattern = new RegExp(PATTERNS[language]);
  let at = 0;
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    push("plain", code.slice(at, match.index));
    const [text, comment, string, number, word] = match;
    if (comment) push("comment", text);
    else if (string) push("string", text);
    else if (number) push("number", text);
    else push(word && KEYWORDS[language].has(word) ? "keyword" : "plain", text);
    at = match.index + text.length;
  }
  push("plain", code.slice(at));
  return tokens;
}
