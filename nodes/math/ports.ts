import { z } from "zod";
import type { PortSpec } from "@/nodes/core/define";

/** Inputs of a two-number operation: B may stay unconnected and then reads the `value` param. */
export const twoNumberInputs: readonly PortSpec[] = [
  { name: "a", type: "series", label: "A" },
  {
    name: "b",
    type: "series",
    label: "B",
    optional: true,
    fallbackParam: "value",
    description: "Leave it unconnected to use the fixed number set in the node's value.",
  },
];

/** The number B stands for when nothing is connected to it. */
export const fallbackValue = (initial: number) =>
  z.number().finite().default(initial).describe("The number used for B when nothing is connected to B.");

/** How many bars a rolling window spans. */
export const periodParam = (initial: number, min = 1) =>
  z.number().int().min(min).max(100_000).default(initial).describe("How many bars the window spans.");

/** How many bars back a lagged value is read. */
export const barsBackParam = (initial: number) =>
  z.number().int().min(1).max(100_000).default(initial).describe("How many bars back to look.");

/** A value that is neither NaN nor infinite: `x - x` is 0 only for finite numbers. */
export function isFiniteNumber(x: number): boolean {
  return x - x === 0;
}
