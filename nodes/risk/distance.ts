import { z } from "zod";
import type { PortSpec } from "@/nodes/core/define";
import type { Distance } from "@/nodes/core/orders";

/** Stop Loss, Take Profit and Trailing Stop measure how far from the price they sit the same way. */
export function distanceParams(defaults: { value: number }, what: string) {
  return z.object({
    mode: z
      .enum(["percent", "points"])
      .default("percent")
      .describe(
        `How the distance of the ${what} is measured: as a percentage of the entry price, or in price points (e.g. 1.5 = $1.50 on a stock). Ignored when the Distance input is connected.`,
      ),
    value: z
      .number({ error: `The ${what} distance must be a number.` })
      .positive(`The ${what} distance must be greater than 0.`)
      .max(1_000_000, `The ${what} distance must be at most 1,000,000.`)
      .default(defaults.value)
      .describe(`How far the ${what} sits: percent (2 = 2%) or price points, as chosen in Mode.`),
  });
}
export type DistanceParams = z.output<ReturnType<typeof distanceParams>>;

export function distanceInput(what: string): PortSpec {
  return {
    name: "distance",
    type: "series",
    label: "Distance",
    optional: true,
    description: `A distance in price points that replaces Mode and Value, e.g. 2 × ATR. Its value on the bar the entry order is placed sets the ${what} for that trade.`,
  };
}

/** A connected distance series wins over the params: it is how a volatility-scaled stop is drawn. */
export function distanceOf(
  params: DistanceParams,
  slots: Readonly<Record<string, number | undefined>>,
): Distance {
  const slot = slots.distance;
  if (slot !== undefined) return { mode: "slot", slot };
  return { mode: params.mode, value: params.value };
}
