/** How the Data page writes times, counts and ranges: UTC, dates for daily bars, minutes otherwise. */
export function formatTime(time: number, timeframe: string): string {
  const iso = new Date(time).toISOString();
  return timeframe === "1d" || timeframe === "1w"
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function formatRange(first: number | null, last: number | null, timeframe: string): string {
  if (first === null || last === null) return "No bars yet";
  return `${formatTime(first, timeframe)} → ${formatTime(last, timeframe)}`;
}

export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Splits a file's text into parts of at most `size` characters, for an upload in steps. */
export function splitParts(text: string, size: number): string[] {
  if (text.length === 0) return [""];
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}

/** A dataset name from a file name: no folder, no extension. */
export function nameFromFile(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, "") || fileName;
}
