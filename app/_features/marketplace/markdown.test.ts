import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

/** The only tags the renderer may write, and the only attributes (on <a> only). */
const ALLOWED_TAGS = new Set([
  "p",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "code",
  "pre",
  "ul",
  "ol",
  "li",
  "a",
]);

function tagsOf(html: string): { name: string; attributes: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)].map((m) => ({ name: m[1], attributes: m[2] }));
}

describe("safe markdown", () => {
  it("renders headings, emphasis, lists, code and links", () => {
    const html = renderMarkdown(
      [
        "# Idea",
        "Buy **strong** trends, *exit* early.",
        "",
        "- one `sma(20)`",
        "- two",
        "",
        "1. first",
        "2. [docs](https://example.com/a?b=1&c=2)",
        "```",
        "if (a < b) buy();",
        "```",
      ].join("\n"),
    );
    expect(html).toBe(
      [
        "<h3>Idea</h3>",
        "<p>Buy <strong>strong</strong> trends, <em>exit</em> early.</p>",
        "<ul><li>one <code>sma(20)</code></li><li>two</li></ul>",
        '<ol><li>first</li><li><a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">docs</a></li></ol>',
        "<pre><code>if (a &lt; b) buy();</code></pre>",
      ].join("\n"),
    );
  });

  it("renders script tags as text", () => {
    const html = renderMarkdown("<script>alert(document.cookie)</script>");
    expect(html, "the tag arrives escaped, so the browser shows it instead of running it").toBe(
      "<p>&lt;script&gt;alert(document.cookie)&lt;/script&gt;</p>",
    );
  });

  it("renders an image with an event handler as text", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> and <a href="javascript:alert(1)">x</a>');
    expect(
      tagsOf(html).map((t) => t.name),
      "only the paragraph is a tag",
    ).toEqual(["p", "p"]);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("drops links to javascript:, data: and other schemes, keeping their text", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:msgbox",
      "//evil.example",
      "/relative",
    ]) {
      const html = renderMarkdown(`[click me](${url})`);
      expect(html, `${url} must not become a link`).toBe("<p>click me</p>");
    }
  });

  it("keeps quotes inside a link address from closing the attribute", () => {
    const html = renderMarkdown('[x](https://ok.example/"onmouseover="alert(1))');
    const anchors = tagsOf(html).filter((t) => t.name === "a" && t.attributes !== "");
    expect(anchors.length, "an https address still makes a link").toBe(1);
    expect(html).toContain("&quot;onmouseover=&quot;");
    for (const a of anchors) {
      expect(a.attributes, "a link carries href, rel and target and nothing else").toMatch(
        /^ href="[^"]*" rel="nofollow noopener noreferrer" target="_blank"$/,
      );
    }
  });

  it("property: any input yields only allowed tags and no event handlers or script URLs", () => {
    const pieces = fc.constantFrom(
      "<script>",
      "</script>",
      "<img src=x onerror=alert(1)>",
      '"',
      "'",
      "javascript:",
      "[a](",
      ")",
      "](javascript:alert(1))",
      "](https://x.example/?q=<b>)",
      "**",
      "*",
      "_",
      "`",
      "# ",
      "- ",
      "1. ",
      "\n",
      "```",
      "&",
      "onload=",
      "text",
      " ",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const html = renderMarkdown(parts.join(""));
        for (const tag of tagsOf(html)) {
          expect(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}>`).toBe(true);
          if (tag.name !== "a" || tag.attributes === "") continue;
          expect(tag.attributes).toMatch(
            /^ href="https?:\/\/[^"<>]*" rel="nofollow noopener noreferrer" target="_blank"$/,
          );
        }
        expect(html).not.toMatch(/<[^>]*\son\w+=/i);
      }),
      { numRuns: 500 },
    );
  });
});
