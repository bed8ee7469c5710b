/**
 * A small Markdown renderer for template descriptions that another user wrote. It knows headings,
 * paragraphs, bold and italic, inline and fenced code, bulleted and numbered lists, and links to
 * http(s) addresses. Everything else is text: every character of the input reaches the output
 * either HTML-escaped or as one of the few tags written here, so no input can add a tag, an
 * attribute or a script URL.
 */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list)
      out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };
  const flush = () => {
    flushParagraph();
    flushList();
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      // A description sits under the page's own title, so its largest heading is an h3.
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      continue;
    }
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d{1,9}[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)![1]);
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flush();
  return out.join("\n");
}

const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\p{L}\p{N}_])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}_])/gu;

function inline(text: string): string {
  let html = "";
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    html += escapeHtml(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, code, label, url, strong1, strong2, em1, em2] = m;
    if (code !== undefined) html += `<code>${escapeHtml(code)}</code>`;
    else if (label !== undefined) html += link(label, url);
    else if (strong1 !== undefined || strong2 !== undefined)
      html += `<strong>${inline(strong1 ?? strong2)}</strong>`;
    else html += `<em>${inline(em1 ?? em2)}</em>`;
  }
  return html + escapeHtml(text.slice(last));
}

/** Links only to http and https addresses; any other scheme (javascript:, data:, ...) leaves just the text. */
function link(label: string, url: string): string {
  if (!isWebAddress(url)) return inline(label);
  return `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer" target="_blank">${inline(label)}</a>`;
}

export function isWebAddress(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
