import { bollingerBreakout } from "./bollinger-breakout";
import { donchianBreakout } from "./donchian-breakout";
import { macdCrossover } from "./macd-crossover";
import { movingAverageCrossover } from "./moving-average-crossover";
import { rsiMeanReversion } from "./rsi-mean-reversion";
import type { Starter } from "./starter";

export type { Starter } from "./starter";

/** The starter gallery, in the order it is shown: the simplest idea first. */
export const starters: readonly Starter[] = [
  movingAverageCrossover,
  rsiMeanReversion,
  bollingerBreakout,
  macdCrossover,
  donchianBreakout,
];

/** The starter with this id, as a fresh copy the caller may change; undefined when there is none. */
export function findStarter(id: string): Starter | undefined {
  const starter = starters.find((s) => s.id === id);
  return starter && { ...starter, tags: [...starter.tags], graph: structuredClone(starter.graph) };
}
