/** 0.1234 → "+12.3 %"; null (undefined, e.g. a Sharpe with no trades) → "—". */
export function percent(value: number | null | undefined, signed = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = `${(value * 100).toFixed(1)} %`;
  return signed && value > 0 ? `+${text}` : text;
}

export function ratio(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toFixed(digits);
}

export function stars(average: number | null, count: number): string {
  if (average === null || count === 0) return "No ratings yet";
  return `${average.toFixed(1)} ★ (${count} rating${count === 1 ? "" : "s"})`;
}

/** "indicators.movingAverage" → "movingAverage"; the catalogue's title is preferred where there is one. */
export function shortType(type: string): string {
  return type.slice(type.indexOf(".") + 1);
}
