import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Benchmark, BenchRow } from "./harness";

/**
 * `npm run bench [-- <name filter>...] [--json]`: runs every bench/<name>.bench.ts whose name
 * contains one of the filters and prints one table. Ratios read "how many times better ours is":
 * ours ÷ peer for throughput, peer ÷ ours for latency.
 */
const args = process.argv.slice(2);
const asJson = args.includes("--json");
const filters = args.filter((a) => !a.startsWith("--"));
const dir = fileURLToPath(new URL(".", import.meta.url));

const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`No benchmark matches ${filters.join(", ")}.\n`);
  process.exit(1);
}

const results: (BenchRow & { benchmark: string })[] = [];
for (const file of files) {
  const benchmark = (await import(pathToFileURL(dir + file).href)).default as Benchmark;
  if (!asJson) process.stderr.write(`running ${benchmark.name}…\n`);
  for (const row of await benchmark.run()) results.push({ benchmark: benchmark.name, ...row });
}

if (asJson) {
  process.stdout.write(
    `${JSON.stringify(
      results.map((r) => ({ ...r, ratios: ratios(r) })),
      null,
      2,
    )}\n`,
  );
} else {
  const header = ["benchmark", "case", "strata", "peers (ratio = times better than peer)", "target"];
  const rows = results.map((r) => [
    r.benchmark,
    r.case,
    `${format(r.ours.value)} ${r.unit}`,
    ratios(r)
      .map((p) => `${p.subject} ${format(p.value)} (${p.ratio.toFixed(2)}×)`)
      .join(", ") || "—",
    r.target ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  process.stdout.write(
    `${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`,
  );
}

function ratios(row: BenchRow) {
  return (row.peers ?? []).map((peer) => ({
    ...peer,
    ratio: row.higherIsBetter ? row.ours.value / peer.value : peer.value / row.ours.value,
  }));
}

function format(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
