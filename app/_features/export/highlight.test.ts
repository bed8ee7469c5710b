import { describe, expect, test } from "vitest";
import { highlight } from "./highlight";

describe("highlight", () => {
  test("keeps every character and marks comments, strings, numbers and keywords", () => {
    const code = 'const fast = sma(close, 10); // "not a string"\nx = "a // b"';
    const tokens = highlight(code, "ts");
    expect(tokens.map((t) => t.text).join(""), "the text is unchanged").toBe(code);
    expect(tokens.find((t) => t.kind === "comment")?.text).toBe('// "not a string"');
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual(['"a // b"']);
    expect(tokens.find((t) => t.kind === "number")?.text).toBe("10");
    expect(tokens[0], "const is a keyword").toEqual({ kind: "keyword", text: "const" });
  });

  test("reads Python comments and docstrings", () => {
    const tokens = highlight('def f():\n    """doc # not a comment"""\n    # real', "py");
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual([
      '"""doc # not a comment"""',
    ]);
    expect(tokens.filter((t) => t.kind === "comment").map((t) => t.text)).toEqual(["# real"]);
  });
});
