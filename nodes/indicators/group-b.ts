import type { NodeDefinition } from "@/nodes/core/define";
import { ad } from "./ad/ad.node.ts";
import { adosc } from "./adosc/adosc.node.ts";
import { adx } from "./adx/adx.node.ts";
import { aroon } from "./aroon/aroon.node.ts";
import { aroonOsc } from "./aroonOsc/aroonOsc.node.ts";
import { atr } from "./atr/atr.node.ts";
import { cci } from "./cci/cci.node.ts";
import { cmf } from "./cmf/cmf.node.ts";
import { cmo } from "./cmo/cmo.node.ts";
import { keltner } from "./keltner/keltner.node.ts";
import { mfi } from "./mfi/mfi.node.ts";
import { mom } from "./mom/mom.node.ts";
import { natr } from "./natr/natr.node.ts";
import { obv } from "./obv/obv.node.ts";
import { roc } from "./roc/roc.node.ts";
import { rsi } from "./rsi/rsi.node.ts";
import { sar } from "./sar/sar.node.ts";
import { stoch } from "./stoch/stoch.node.ts";
import { stochf } from "./stochf/stochf.node.ts";
import { stochRsi } from "./stochRsi/stochRsi.node.ts";
import { superTrend } from "./superTrend/superTrend.node.ts";
import { trange } from "./trange/trange.node.ts";
import { ultosc } from "./ultosc/ultosc.node.ts";
import { willr } from "./willr/willr.node.ts";

/** Group B of the indicator nodes (oscillators, volatility, trend and volume), sorted by type. */
export const groupB: NodeDefinition[] = [
  ad,
  adosc,
  adx,
  aroon,
  aroonOsc,
  atr,
  cci,
  cmf,
  cmo,
  keltner,
  mfi,
  mom,
  natr,
  obv,
  roc,
  rsi,
  sar,
  stoch,
  stochRsi,
  stochf,
  superTrend,
  trange,
  ultosc,
  willr,
];
