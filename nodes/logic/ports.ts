import type { PortSpec } from "@/nodes/core/define";

/** Inputs of a two-sided true/false operation. */
export const twoConditionInputs: readonly PortSpec[] = [
  { name: "a", type: "bool", label: "A" },
  { name: "b", type: "bool", label: "B" },
];

/**
 * How every logic node treats empty values: a NaN in gives NaN out (not false), so an
 * indicator's warm-up carries through to the signal; the order engine reads NaN as "no signal".
 */
export const NAN_NOTE =
  "While an input is still empty (warming up) the result is empty too, which orders read as false.";
