/**
 * The port type system. Every value that flows along an edge has one of these types.
 *
 * At run time every series is a Float64Array column with one value per bar:
 * - `series`: numbers; NaN means "no value yet" (warm-up) or "undefined here".
 * - `bool`: 1 for true, 0 for false, NaN while not warm.
 * - `scalar`: one number known when the plan is compiled (a constant); it broadcasts to a series
 *   wherever a series or bool input expects one.
 * - `bars`: an OHLCV bundle of six columns, in the order of BAR_FIELDS.
 * - `order`: an order intent. It carries no column; the compiler folds chains of order nodes into
 *   one OrderRule of the plan (see orders.ts).
 */
export const PORT_TYPES = ["series", "bool", "scalar", "bars", "order"] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** The columns of a `bars` value, in this order. `time` is epoch milliseconds (UTC). */
export const BAR_FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;
export type BarField = (typeof BAR_FIELDS)[number];

/** How many columns a value of this type occupies at run time. */
export function columnsOf(type: PortType): number {
  if (type === "bars") return BAR_FIELDS.length;
  if (type === "order") return 0;
  return 1;
}

/** Words a trader reads in a diagnostic or a tooltip. */
export const PORT_TYPE_LABELS: Record<PortType, string> = {
  series: "number series",
  bool: "true/false series",
  scalar: "number",
  bars: "price bars (OHLCV)",
  order: "order",
};

/** Colours of handles and edges on the canvas, one per type (Tailwind-compatible hex). */
export const PORT_TYPE_COLOURS: Record<PortType, string> = {
  series: "#3b82f6",
  bool: "#f59e0b",
  scalar: "#8b5cf6",
  bars: "#10b981",
  order: "#ef4444",
};

export type ConnectionVerdict = { ok: true; broadcast: boolean } | { ok: false; reason: string };

/**
 * Judges whether an output of type `from` may feed an input of type `to`.
 * The canvas calls it while the user drags an edge and the compiler calls it on every edge,
 * so what the canvas accepts is exactly what compiles.
 *
 * Rules: equal types connect; a scalar broadcasts into a series or bool input; a bool is a
 * series of 0/1 and may feed a number series input; a number series never feeds a bool input
 * (use a Compare node), and nothing else converts implicitly.
 */
export function judgeConnection(from: PortType, to: PortType): ConnectionVerdict {
  if (from === to) return { ok: true, broadcast: false };
  if (from === "scalar" && (to === "series" || to === "bool")) return { ok: true, broadcast: true };
  if (from === "bool" && to === "series") return { ok: true, broadcast: false };
  const hint =
    from === "series" && to === "bool"
      ? " Put a Compare or Crosses node between them to turn numbers into true/false."
      : from === "bars" && to === "series"
        ? " Use the Bar Field node, or the price feed's value output, to pick one field."
        : "";
  return {
    ok: false,
    reason: `A ${PORT_TYPE_LABELS[from]} output cannot connect to a ${PORT_TYPE_LABELS[to]} input.${hint}`,
  };
}
