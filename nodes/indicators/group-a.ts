import type { NodeDefinition } from "@/nodes/core/define";
import { apo } from "./apo/apo.node.ts";
import { bbands } from "./bbands/bbands.node.ts";
import { dema } from "./dema/dema.node.ts";
import { donchian } from "./donchian/donchian.node.ts";
import { ema } from "./ema/ema.node.ts";
import { heikinAshi } from "./heikinAshi/heikinAshi.node.ts";
import { hma } from "./hma/hma.node.ts";
import { ichimoku } from "./ichimoku/ichimoku.node.ts";
import { kama } from "./kama/kama.node.ts";
import { linearReg } from "./linearReg/linearReg.node.ts";
import { linearRegSlope } from "./linearRegSlope/linearRegSlope.node.ts";
import { macd } from "./macd/macd.node.ts";
import { ppo } from "./ppo/ppo.node.ts";
import { rma } from "./rma/rma.node.ts";
import { stdDev } from "./stdDev/stdDev.node.ts";
import { t3 } from "./t3/t3.node.ts";
import { tema } from "./tema/tema.node.ts";
import { trima } from "./trima/trima.node.ts";
import { trix } from "./trix/trix.node.ts";
import { vwap } from "./vwap/vwap.node.ts";
import { wma } from "./wma/wma.node.ts";

/** Indicator group A (moving averages, oscillators, bands, channels, cloud, candles, VWAP), sorted by type. */
export const groupA: NodeDefinition[] = [
  apo,
  bbands,
  dema,
  donchian,
  ema,
  heikinAshi,
  hma,
  ichimoku,
  kama,
  linearReg,
  linearRegSlope,
  macd,
  ppo,
  rma,
  stdDev,
  t3,
  tema,
  trima,
  trix,
  vwap,
  wma,
];
