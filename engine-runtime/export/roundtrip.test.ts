import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { main } from "../cli/main";
import { starters } from "../starters/index";
import { EXPORT_TARGETS, exportPlan, importExport } from "./index";
import { hostile, NASTY } from "./testing/hostile";
import { PYTHON, tempFile } from "./testing/run-export";

describe("graph → export → import round trip", () => {
  for (const target of EXPORT_TARGETS) {
    test(`restores every starter graph exactly from a ${target} export`, () => {
      for (const starter of starters) {
        const exported = exportPlan(starter.graph, target);
        expect(exported.ok, `${starter.id} exports to ${target}`).toBe(true);
        const restored = importExport(exported.ok ? exported.code : "");
        expect(restored, `${starter.id} comes back from ${target} unchanged`).toEqual({
          ok: true,
          graph: starter.graph,
        });
      }
    });
  }

  test("restores hostile names, labels and ids exactly, in every target", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NASTY),
        fc.constantFrom(...starters),
        fc.constantFrom(...EXPORT_TARGETS),
        (nasty, starter, target) => {
          const graph = hostile(starter.graph, nasty);
          const exported = exportPlan(graph, target);
          expect(exported.ok, "a graph with odd strings still exports").toBe(true);
          expect(importExport(exported.ok ? exported.code : "")).toEqual({ ok: true, graph });
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  test("refuses a block whose contents were edited, naming the checksum", () => {
    const exported = exportPlan(starters[0].graph, "py");
    const code = exported.ok ? exported.code : "";
    const lines = code.split("\n");
    const at = lines.findIndex((line) => line.startsWith("# sha256")) + 1;
    lines[at] = `# ${lines[at].slice(2, 10).split("").reverse().join("")}${lines[at].slice(10)}`;
    const result = importExport(lines.join("\n"));
    expect(result.ok, "an edited block is not restored").toBe(false);
    expect(result.ok ? "" : result.message).toMatch(/checksum|base64/);
    expect(importExport("print('hello')"), "a file without a block").toMatchObject({ ok: false });
  });

  test("the CLI exports and imports the same graph", async () => {
    const graphFile = tempFile("graph.json", JSON.stringify(starters[1].graph));
    const written = new Map<string, string>();
    const io = {
      out: () => {},
      err: () => {},
      readFile: async (path: string) =>
        written.get(path) ?? (await import("node:fs/promises")).readFile(path, "utf8"),
      writeFile: async (path: string, text: string) => void written.set(path, text),
    };
    expect(await main(["export", graphFile, "--to", "pine", "-o", "out.pine"], io), "export exits 0").toBe(0);
    expect(await main(["import", "out.pine", "-o", "back.json"], io), "import exits 0").toBe(0);
    expect(JSON.parse(written.get("back.json")!), "the graph comes back").toEqual(starters[1].graph);
    expect(await main(["export", graphFile, "--to", "cobol"], io), "an unknown target is a usage error").toBe(
      2,
    );
  });
});

describe("injection safety", () => {
  test("hostile strings leave the code parseable and the trades unchanged", () => {
    const csv = "public/samples/2006-day-001.csv";
    const starter = starters[0];
    const run = (target: "ts" | "py", code: string) => {
      const file = tempFile(target === "ts" ? "s.mjs" : "s.py", code);
      if (target === "ts") execFileSync(process.execPath, ["--check", file]);
      else execFileSync(PYTHON, ["-m", "py_compile", file]);
      const output = JSON.parse(
        execFileSync(target === "ts" ? process.execPath : PYTHON, [file, csv], { encoding: "utf8" }),
      );
      return output.trades;
    };
    for (const target of ["ts", "py"] as const) {
      const clean = exportPlan(starter.graph, target);
      const expected = run(target, clean.ok ? clean.code : "");
      expect(expected.length, "the strategy trades on the sample").toBeGreaterThan(0);
      for (const nasty of NASTY) {
        const exported = exportPlan(hostile(starter.graph, nasty), target);
        expect(exported.ok, `exports with ${JSON.stringify(nasty)}`).toBe(true);
        const code = exported.ok ? exported.code : "";
        expect(code, "no raw line separators reach the code").not.toMatch(/[\u2028\u2029\u202e\r]/);
        expect(run(target, code), `${target} with ${JSON.stringify(nasty)} trades the same`).toEqual(
          expected,
        );
      }
    }
  }, 120_000);
});
