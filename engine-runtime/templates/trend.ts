import { edge as e, longOrders, node as n, type Template, template } from "./template";

function maCross(
  id: string,
  title: string,
  type: string,
  fast: number,
  slow: number,
  description: string,
  tags: string[],
): Template {
  const orders = longOrders("up", "down");
  return template(
    { id, title, description, tags },
    [
      n("fast", type, { column: 1, row: 0 }, { period: fast }),
      n("slow", type, { column: 1, row: 2 }, { period: slow }),
      n("up", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Fast crosses above slow"),
      n("down", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Fast crosses below slow"),
      ...orders.nodes,
    ],
    [
      e("price", "value", "fast", "source"),
      e("price", "value", "slow", "source"),
      e("fast", "value", "up", "a"),
      e("slow", "value", "up", "b"),
      e("fast", "value", "down", "a"),
      e("slow", "value", "down", "b"),
      ...orders.edges,
    ],
  );
}

/** Price against one moving average: in above it, out below it. */
function priceVersusAverage(
  id: string,
  title: string,
  type: string,
  params: Record<string, unknown>,
  description: string,
  tags: string[],
): Template {
  const orders = longOrders("up", "down");
  return template(
    { id, title, description, tags },
    [
      n("average", type, { column: 1, row: 1 }, params),
      n("up", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close crosses above"),
      n("down", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Close crosses below"),
      ...orders.nodes,
    ],
    [
      e("price", "value", "average", "source"),
      e("price", "value", "up", "a"),
      e("average", "value", "up", "b"),
      e("price", "value", "down", "a"),
      e("average", "value", "down", "b"),
      ...orders.edges,
    ],
  );
}

export const trendTemplates: Template[] = [
  maCross(
    "golden-cross",
    "Golden cross (SMA 50/200)",
    "indicators.sma",
    50,
    200,
    "The classic long-term trend signal: buy when the 50-day simple moving average crosses above the 200-day, sell on the **death cross** below it.\n\nTrades rarely and stays out of long bear markets.",
    ["trend following", "moving average", "sma", "long term"],
  ),
  maCross(
    "sma-crossover-10-30",
    "SMA crossover 10/30",
    "indicators.sma",
    10,
    30,
    "A short-term trend follower: buy when the 10-bar SMA crosses above the 30-bar SMA, sell when it crosses back below.",
    ["trend following", "moving average", "sma"],
  ),
  maCross(
    "ema-crossover-9-21",
    "EMA crossover 9/21",
    "indicators.ema",
    9,
    21,
    "Exponential averages react faster than simple ones: buy when the 9-bar EMA crosses above the 21-bar EMA, sell on the cross back.",
    ["trend following", "moving average", "ema", "swing"],
  ),
  maCross(
    "dema-crossover",
    "DEMA crossover 10/40",
    "indicators.dema",
    10,
    40,
    "Double-exponential averages cut the lag of an EMA crossover further: buy when DEMA(10) crosses above DEMA(40).",
    ["trend following", "moving average", "dema"],
  ),
  maCross(
    "tema-crossover",
    "TEMA crossover 8/34",
    "indicators.tema",
    8,
    34,
    "Triple-exponential averages for a fast crossover with little lag: buy when TEMA(8) crosses above TEMA(34).",
    ["trend following", "moving average", "tema"],
  ),
  priceVersusAverage(
    "hull-trend",
    "Hull moving average trend",
    "indicators.hma",
    { period: 55 },
    "The Hull moving average follows price closely yet smoothly. Be long while the close is above HMA(55).",
    ["trend following", "moving average", "hma"],
  ),
  priceVersusAverage(
    "kama-adaptive-trend",
    "Kaufman adaptive trend",
    "indicators.kama",
    { period: 30 },
    "KAMA slows down in choppy markets and speeds up in trends. Buy when the close crosses above KAMA(30), sell when it crosses below.",
    ["trend following", "adaptive", "kama"],
  ),
  priceVersusAverage(
    "sma-200-filter",
    "Above the 200-day average",
    "indicators.sma",
    { period: 200 },
    "The simplest market-timing rule: hold while the close is above its 200-day simple moving average, step aside below it.",
    ["trend following", "market timing", "sma", "long term"],
  ),
  (() => {
    const orders = longOrders("flipUp", "flipDown");
    return template(
      {
        id: "supertrend-flip",
        title: "SuperTrend flip",
        description:
          "SuperTrend (ATR 10, multiplier 3) trails price by a multiple of the ATR. Buy when its direction turns up, sell when it turns down.",
        tags: ["trend following", "supertrend", "atr", "volatility"],
      },
      [
        n("trend", "indicators.superTrend", { column: 1, row: 1 }, { atrPeriod: 10, multiplier: 3 }),
        n("flipUp", "logic.crossesAbove", { column: 2, row: 0 }, { value: 0 }, "Direction turns up"),
        n("flipDown", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "Direction turns down"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "trend", "bars"),
        e("trend", "direction", "flipUp", "a"),
        e("trend", "direction", "flipDown", "a"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "tkDown", 5);
    return template(
      {
        id: "ichimoku-cloud-breakout",
        title: "Ichimoku cloud breakout",
        description:
          "Buys when the conversion line (tenkan) crosses above the base line (kijun) while the close is above both edges of the cloud; sells on the cross back below.",
        tags: ["trend following", "ichimoku", "cloud"],
      },
      [
        n("cloud", "indicators.ichimoku", { column: 1, row: 1 }),
        n("tkUp", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Tenkan crosses above kijun"),
        n("aboveA", "logic.compare", { column: 2, row: 1 }, { op: ">" }, "Close above span A"),
        n("aboveB", "logic.compare", { column: 2, row: 2 }, { op: ">" }, "Close above span B"),
        n("tkDown", "logic.crossesBelow", { column: 2, row: 3 }, {}, "Tenkan crosses below kijun"),
        n("aboveCloud", "logic.and", { column: 3, row: 1 }, {}, "Above the cloud"),
        n("entry", "logic.and", { column: 4, row: 0 }, {}, "Cross above the cloud"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "cloud", "bars"),
        e("cloud", "tenkan", "tkUp", "a"),
        e("cloud", "kijun", "tkUp", "b"),
        e("price", "value", "aboveA", "a"),
        e("cloud", "senkouA", "aboveA", "b"),
        e("price", "value", "aboveB", "a"),
        e("cloud", "senkouB", "aboveB", "b"),
        e("cloud", "tenkan", "tkDown", "a"),
        e("cloud", "kijun", "tkDown", "b"),
        e("aboveA", "result", "aboveCloud", "a"),
        e("aboveB", "result", "aboveCloud", "b"),
        e("tkUp", "result", "entry", "a"),
        e("aboveCloud", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("tkUp", "tkDown");
    return template(
      {
        id: "ichimoku-tk-cross",
        title: "Ichimoku TK cross",
        description:
          "The plain Ichimoku signal: buy when tenkan (9) crosses above kijun (26), sell when it crosses below.",
        tags: ["trend following", "ichimoku"],
      },
      [
        n("cloud", "indicators.ichimoku", { column: 1, row: 1 }),
        n("tkUp", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Tenkan crosses above kijun"),
        n("tkDown", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Tenkan crosses below kijun"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "cloud", "bars"),
        e("cloud", "tenkan", "tkUp", "a"),
        e("cloud", "kijun", "tkUp", "b"),
        e("cloud", "tenkan", "tkDown", "a"),
        e("cloud", "kijun", "tkDown", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "exitCross");
    return template(
      {
        id: "triple-ema-alignment",
        title: "Triple EMA alignment",
        description:
          "Buys when EMA(5) crosses above EMA(20) while EMA(20) is above EMA(50), so all three averages point the same way; sells when EMA(5) crosses back below EMA(20).",
        tags: ["trend following", "moving average", "ema", "filter"],
      },
      [
        n("ema5", "indicators.ema", { column: 1, row: 0 }, { period: 5 }),
        n("ema20", "indicators.ema", { column: 1, row: 1 }, { period: 20 }),
        n("ema50", "indicators.ema", { column: 1, row: 2 }, { period: 50 }),
        n("cross", "logic.crossesAbove", { column: 2, row: 0 }, {}, "EMA 5 crosses above EMA 20"),
        n("aligned", "logic.compare", { column: 2, row: 1 }, { op: ">" }, "EMA 20 above EMA 50"),
        n("exitCross", "logic.crossesBelow", { column: 2, row: 2 }, {}, "EMA 5 crosses below EMA 20"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "ema5", "source"),
        e("price", "value", "ema20", "source"),
        e("price", "value", "ema50", "source"),
        e("ema5", "value", "cross", "a"),
        e("ema20", "value", "cross", "b"),
        e("ema20", "value", "aligned", "a"),
        e("ema50", "value", "aligned", "b"),
        e("ema5", "value", "exitCross", "a"),
        e("ema20", "value", "exitCross", "b"),
        e("cross", "result", "entry", "a"),
        e("aligned", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("up", "down");
    return template(
      {
        id: "parabolic-sar-trend",
        title: "Parabolic SAR trend",
        description:
          "Wilder's stop-and-reverse dots trail the trend. Buy when the close crosses above the SAR, sell when it crosses below.",
        tags: ["trend following", "parabolic sar", "stop and reverse"],
      },
      [
        n("sar", "indicators.sar", { column: 1, row: 1 }, { acceleration: 0.02, maximum: 0.2 }),
        n("up", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close crosses above SAR"),
        n("down", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Close crosses below SAR"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "sar", "bars"),
        e("price", "value", "up", "a"),
        e("sar", "value", "up", "b"),
        e("price", "value", "down", "a"),
        e("sar", "value", "down", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "diDown", 4);
    return template(
      {
        id: "adx-di-trend",
        title: "ADX trend strength with DI cross",
        description:
          "Buys when +DI crosses above −DI while ADX(14) is above 25 (a strong trend); sells when +DI crosses back below −DI.",
        tags: ["trend following", "adx", "directional movement", "filter"],
      },
      [
        n("adx", "indicators.adx", { column: 1, row: 1 }, { period: 14 }),
        n("diUp", "logic.crossesAbove", { column: 2, row: 0 }, {}, "+DI crosses above −DI"),
        n("strong", "logic.compare", { column: 2, row: 1 }, { op: ">", value: 25 }, "ADX above 25"),
        n("diDown", "logic.crossesBelow", { column: 2, row: 2 }, {}, "+DI crosses below −DI"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "adx", "bars"),
        e("adx", "plusDi", "diUp", "a"),
        e("adx", "minusDi", "diUp", "b"),
        e("adx", "adx", "strong", "a"),
        e("adx", "plusDi", "diDown", "a"),
        e("adx", "minusDi", "diDown", "b"),
        e("diUp", "result", "entry", "a"),
        e("strong", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("up", "down");
    return template(
      {
        id: "aroon-crossover",
        title: "Aroon crossover",
        description:
          "Aroon measures how recently the highest high and lowest low happened. Buy when Aroon Up crosses above Aroon Down (25 bars), sell on the opposite cross.",
        tags: ["trend following", "aroon"],
      },
      [
        n("aroon", "indicators.aroon", { column: 1, row: 1 }, { period: 25 }),
        n("up", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Up crosses above down"),
        n("down", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Up crosses below down"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "aroon", "bars"),
        e("aroon", "up", "up", "a"),
        e("aroon", "down", "up", "b"),
        e("aroon", "up", "down", "a"),
        e("aroon", "down", "down", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const entry = { column: 4, row: 0 };
    return template(
      {
        id: "ema-long-short",
        title: "EMA 20/50 long and short",
        description:
          "Always in the market: long when EMA(20) crosses above EMA(50), short when it crosses below. Each entry closes the opposite position first.",
        tags: ["trend following", "moving average", "ema", "long short"],
        market: "futures",
      },
      [
        n("fast", "indicators.ema", { column: 1, row: 0 }, { period: 20 }),
        n("slow", "indicators.ema", { column: 1, row: 2 }, { period: 50 }),
        n("up", "logic.crossesAbove", { column: 2, row: 0 }, {}, "EMA 20 crosses above EMA 50"),
        n("down", "logic.crossesBelow", { column: 2, row: 2 }, {}, "EMA 20 crosses below EMA 50"),
        n("coverShort", "orders.exit", { column: 3, row: 0 }, { side: "short" }),
        n("buy", "orders.enterLong", entry),
        n("sellLong", "orders.exit", { column: 3, row: 2 }, { side: "long" }),
        n("short", "orders.enterShort", { column: 4, row: 2 }),
      ],
      [
        e("price", "value", "fast", "source"),
        e("price", "value", "slow", "source"),
        e("fast", "value", "up", "a"),
        e("slow", "value", "up", "b"),
        e("fast", "value", "down", "a"),
        e("slow", "value", "down", "b"),
        e("up", "result", "coverShort", "when"),
        e("up", "result", "buy", "when"),
        e("down", "result", "sellLong", "when"),
        e("down", "result", "short", "when"),
      ],
    );
  })(),
];
