import { sha256Hex } from "../../plan/sha256";
import { decodeBase64, encodeBase64 } from "./base64";

/**
 * The graph travels inside every export as a comment block: base64 (an alphabet that cannot end
 * a comment or a string in any target) of the graph's JSON, with its SHA-256 so that an edited or
 * truncated block is refused instead of restoring a different strategy.
 *
 *   // ---- strata graph v1: `strata import` restores the strategy from this block ----
 *   // sha256 3f1c… bytes 1234
 *   // eyJ2ZXJzaW9uIjoxLC…
 *   // ---- end strata graph ----
 */
const BEGIN = "---- strata graph v1";
const END = "---- end strata graph ----";
const LINE_WIDTH = 76;

export function graphBlock(graph: unknown, commentPrefix: "//" | "#"): string[] {
  const bytes = new TextEncoder().encode(JSON.stringify(graph));
  const text = encodeBase64(bytes);
  const lines = [
    `${BEGIN}: \`strata import\` (or Import in the editor) restores the strategy from this block ----`,
    `sha256 ${sha256Hex(bytes)} bytes ${bytes.length}`,
  ];
  for (let k = 0; k < text.length; k += LINE_WIDTH) lines.push(text.slice(k, k + LINE_WIDTH));
  lines.push(END);
  return lines.map((line) => `${commentPrefix} ${line}`);
}

export type ReadGraphResult = { ok: true; graph: unknown } | { ok: false; message: string };

/** Finds the block in an exported file of any target and returns the graph exactly as exported. */
export function readGraphBlock(file: string): ReadGraphResult {
  const lines = file.split(/\r?\n/).map((line) => line.replace(/^\s*(\/\/|#)\s?/, "").trim());
  const begin = lines.findIndex((line) => line.startsWith(BEGIN));
  if (begin < 0) {
    return {
      ok: false,
      message:
        "This file holds no Strata graph block. Only files exported by Strata (TypeScript, Python or Pine) can be imported.",
    };
  }
  const end = lines.indexOf(END, begin);
  const header = /^sha256 ([0-9a-f]{64}) bytes (\d+)$/.exec(lines[begin + 1] ?? "");
  if (end < 0 || !header) {
    return {
      ok: false,
      message: "The Strata graph block is cut short: its header or its end line is missing.",
    };
  }
  const bytes = decodeBase64(lines.slice(begin + 2, end).join(""));
  if (!bytes)
    return { ok: false, message: "The Strata graph block was edited: it is no longer valid base64." };
  if (bytes.length !== Number(header[2]) || sha256Hex(bytes) !== header[1]) {
    return {
      ok: false,
      message:
        "The Strata graph block was edited: its checksum no longer matches. Export the strategy again from Strata.",
    };
  }
  try {
    return { ok: true, graph: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch (error) {
    return {
      ok: false,
      message: `The Strata graph block holds no valid JSON (${(error as Error).message}).`,
    };
  }
}
