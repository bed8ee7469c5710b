import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Test helper: the bundled sample datasets (public/samples) as columns. */
export interface SampleBars {
  name: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const samplesDir = fileURLToPath(new URL("../../public/samples/", import.meta.url));

export function sampleNames(): string[] {
  return readdirSync(samplesDir)
    .filter((f) => f.endsWith(".csv"))
    .sort();
}

export function loadSample(name: string): SampleBars {
  const [header, ...lines] = readFileSync(samplesDir + name, "utf8")
    .trim()
    .split(/\r?\n/);
  const columns = header.split(",");
  const at = (col: string) => columns.indexOf(col);
  const n = lines.length;
  const bars: SampleBars = {
    name,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  lines.forEach((line, i) => {
    const cells = line.split(",");
    const time =
      at("Time") >= 0 ? `${cells[at("Date")]}T${cells[at("Time")]}Z` : `${cells[at("Date")]}T00:00:00Z`;
    bars.time[i] = Date.parse(time);
    bars.open[i] = Number(cells[at("Open")]);
    bars.high[i] = Number(cells[at("High")]);
    bars.low[i] = Number(cells[at("Low")]);
    bars.close[i] = Number(cells[at("Close")]);
    bars.volume[i] = Number(cells[at("Volume")]);
  });
  return bars;
}

/** The six bar columns in BAR_FIELDS order, as a `bars` input. */
export function barColumns(bars: SampleBars): Float64Array[] {
  return [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
}
