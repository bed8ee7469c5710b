import { z } from "zod";

/**
 * The explicit parameters of a simulated run. Commission parts add up: a fill of q units at
 * price p costs q·p·percent/100 + q·perUnit + perOrder. Slippage moves market and stop fills
 * against the trader by bps of the price plus a number of ticks; limit fills and take-profits get
 * their limit price and no slippage.
 */
export const runSettingsSchema = z.object({
  initialCash: z.number().positive().default(10_000).describe("Cash at the start of the run."),
  defaultQuantity: z
    .number()
    .positive()
    .default(1)
    .describe("Units per entry when the order has no sizing of its own."),
  commission: z
    .object({
      percent: z.number().min(0).max(100).default(0).describe("Percent of each fill's value."),
      perUnit: z.number().min(0).default(0).describe("Money per unit traded."),
      perOrder: z.number().min(0).default(0).describe("Money per fill."),
    })
    .default({ percent: 0, perUnit: 0, perOrder: 0 }),
  slippage: z
    .object({
      bps: z
        .number()
        .min(0)
        .max(10_000)
        .default(0)
        .describe("Basis points of the price, against the trader."),
      ticks: z.number().int().min(0).default(0).describe("Whole ticks, against the trader."),
    })
    .default({ bps: 0, ticks: 0 }),
  tickSize: z.number().positive().default(0.01).describe("Smallest price step of the instrument."),
  lotSize: z.number().positive().default(1).describe("Smallest quantity step of the instrument."),
  moneyUnit: z.number().positive().default(0.01).describe("Minor unit cash and commissions round to."),
});

export type RunSettings = z.output<typeof runSettingsSchema>;
export type RunSettingsInput = z.input<typeof runSettingsSchema>;

export function runSettings(input: RunSettingsInput = {}): RunSettings {
  return runSettingsSchema.parse(input);
}
