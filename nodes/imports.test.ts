import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Node modules are named `<name>.node.ts`. Node.js (and tsx) read a `.node` specifier as a native
 * addon, so every import of one must spell the `.ts` extension or the server and CLI cannot load it.
 */
const roots = ["nodes", "engine-runtime", "server", "app", "bench"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules" || entry === "generated") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

describe("imports of node definitions", () => {
  it("name the .ts extension so Node.js can load them", () => {
    const offenders = roots
      .flatMap(sources)
      .filter((file) => /(from |import\()\s*"[^"]+\.node"/.test(readFileSync(file, "utf8")));
    expect(offenders, "these files import a .node module without the .ts extension").toEqual([]);
  });
});
