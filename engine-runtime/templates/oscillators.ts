import { edge as e, longOrders, node as n, type Template, template } from "./template";

/** An oscillator bought when it crosses up out of its low zone and sold when it crosses down out of its high zone. */
function zoneReversal(
  meta: { id: string; title: string; description: string; tags: string[] },
  indicator: { type: string; params: Record<string, unknown>; input: "source" | "bars"; output?: string },
  low: number,
  high: number,
): Template {
  const orders = longOrders("leaveLow", "leaveHigh");
  const output = indicator.output ?? "value";
  return template(
    meta,
    [
      n("oscillator", indicator.type, { column: 1, row: 1 }, indicator.params),
      n("leaveLow", "logic.crossesAbove", { column: 2, row: 0 }, { value: low }, `Crosses above ${low}`),
      n("leaveHigh", "logic.crossesBelow", { column: 2, row: 2 }, { value: high }, `Crosses below ${high}`),
      ...orders.nodes,
    ],
    [
      e("price", indicator.input === "bars" ? "bars" : "value", "oscillator", indicator.input),
      e("oscillator", output, "leaveLow", "a"),
      e("oscillator", output, "leaveHigh", "a"),
      ...orders.edges,
    ],
  );
}

export const oscillatorTemplates: Template[] = [
  zoneReversal(
    {
      id: "rsi-reversal-30-70",
      title: "RSI reversal 30/70",
      description:
        "Buys when RSI(14) climbs back above 30 after being oversold and sells when it falls back below 70 after being overbought.",
      tags: ["mean reversion", "rsi", "oscillator"],
    },
    { type: "indicators.rsi", params: { period: 14 }, input: "source" },
    30,
    70,
  ),
  (() => {
    const orders = longOrders("entry", "exitRsi");
    return template(
      {
        id: "rsi-2-pullback",
        title: "RSI(2) pullback in an uptrend",
        description:
          "Larry Connors' short-term pullback: in an uptrend (close above SMA 200), buy when the 2-bar RSI drops below 10; sell when it rises above 70.",
        tags: ["mean reversion", "rsi", "pullback", "filter"],
      },
      [
        n("rsi", "indicators.rsi", { column: 1, row: 0 }, { period: 2 }),
        n("sma", "indicators.sma", { column: 1, row: 2 }, { period: 200 }),
        n("oversold", "logic.compare", { column: 2, row: 0 }, { op: "<", value: 10 }, "RSI(2) below 10"),
        n("uptrend", "logic.compare", { column: 2, row: 1 }, { op: ">" }, "Close above SMA 200"),
        n("exitRsi", "logic.compare", { column: 2, row: 2 }, { op: ">", value: 70 }, "RSI(2) above 70"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "rsi", "source"),
        e("price", "value", "sma", "source"),
        e("rsi", "value", "oversold", "a"),
        e("price", "value", "uptrend", "a"),
        e("sma", "value", "uptrend", "b"),
        e("rsi", "value", "exitRsi", "a"),
        e("oversold", "result", "entry", "a"),
        e("uptrend", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("oversold", "overbought", 3);
    return template(
      {
        id: "rsi-take-profit-stop",
        title: "RSI oversold with stop and target",
        description:
          "Buys when RSI(14) is below 30 and protects each trade with a **5 % stop loss** and a **10 % take profit**; also sells when RSI rises above 70.",
        tags: ["mean reversion", "rsi", "stop loss", "take profit"],
      },
      [
        n("rsi", "indicators.rsi", { column: 1, row: 1 }, { period: 14 }),
        n("oversold", "logic.compare", { column: 2, row: 0 }, { op: "<", value: 30 }, "RSI below 30"),
        n("overbought", "logic.compare", { column: 2, row: 2 }, { op: ">", value: 70 }, "RSI above 70"),
        ...orders.nodes,
        n("stop", "risk.stopLoss", { column: 4, row: 0 }, { mode: "percent", value: 5 }),
        n("target", "risk.takeProfit", { column: 5, row: 0 }, { mode: "percent", value: 10 }),
      ],
      [
        e("price", "value", "rsi", "source"),
        e("rsi", "value", "oversold", "a"),
        e("rsi", "value", "overbought", "a"),
        ...orders.edges,
        e("buy", "order", "stop", "order"),
        e("stop", "order", "target", "order"),
      ],
    );
  })(),
  zoneReversal(
    {
      id: "stochastic-reversal",
      title: "Stochastic oversold reversal",
      description:
        "Slow stochastic %K (14, 3, 3) crossing up through 20 marks the end of a selloff; crossing down through 80 ends the trade.",
      tags: ["mean reversion", "stochastic", "oscillator"],
    },
    {
      type: "indicators.stoch",
      params: { fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 3 },
      input: "bars",
      output: "k",
    },
    20,
    80,
  ),
  zoneReversal(
    {
      id: "williams-r-reversal",
      title: "Williams %R reversal",
      description:
        "Williams %R runs from −100 to 0. Buy when it crosses up through −80 (leaving oversold), sell when it crosses down through −20.",
      tags: ["mean reversion", "williams %r", "oscillator"],
    },
    { type: "indicators.willr", params: { period: 14 }, input: "bars" },
    -80,
    -20,
  ),
  zoneReversal(
    {
      id: "mfi-reversal",
      title: "Money flow reversal",
      description:
        "The Money Flow Index is a volume-weighted RSI. Buy when MFI(14) leaves oversold (crosses above 20), sell when it leaves overbought (crosses below 80).",
      tags: ["mean reversion", "mfi", "volume", "oscillator"],
    },
    { type: "indicators.mfi", params: { period: 14 }, input: "bars" },
    20,
    80,
  ),
  zoneReversal(
    {
      id: "stoch-rsi-reversal",
      title: "Stochastic RSI reversal",
      description:
        "The stochastic of RSI reacts faster than RSI itself. Buy when %K crosses above 20, sell when it crosses below 80.",
      tags: ["mean reversion", "stochastic rsi", "rsi", "oscillator"],
    },
    {
      type: "indicators.stochRsi",
      params: { period: 14, kPeriod: 14, dPeriod: 3 },
      input: "source",
      output: "k",
    },
    20,
    80,
  ),
  (() => {
    const orders = longOrders("lowerCross", "middleCross");
    return template(
      {
        id: "bollinger-mean-reversion",
        title: "Bollinger Band mean reversion",
        description:
          "Buys when the close falls below the lower Bollinger Band (20 bars, 2 deviations) and sells when it gets back to the middle band.",
        tags: ["mean reversion", "bollinger bands", "volatility"],
      },
      [
        n(
          "bands",
          "indicators.bbands",
          { column: 1, row: 1 },
          { period: 20, deviationsUp: 2, deviationsDown: 2 },
        ),
        n("lowerCross", "logic.crossesBelow", { column: 2, row: 0 }, {}, "Close falls below lower band"),
        n("middleCross", "logic.crossesAbove", { column: 2, row: 2 }, {}, "Close back above middle band"),
        ...orders.nodes,
      ],
      [
        e("price", "value", "bands", "source"),
        e("price", "value", "lowerCross", "a"),
        e("bands", "lower", "lowerCross", "b"),
        e("price", "value", "middleCross", "a"),
        e("bands", "middle", "middleCross", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("stretched", "back");
    return template(
      {
        id: "zscore-mean-reversion",
        title: "Z-score mean reversion",
        description:
          "Measures how many standard deviations the close sits from its 20-bar mean. Buy when the z-score drops below −2, sell when it returns above 0.",
        tags: ["mean reversion", "statistics", "z-score"],
      },
      [
        n("z", "math.zScore", { column: 1, row: 1 }, { period: 20 }),
        n("stretched", "logic.crossesBelow", { column: 2, row: 0 }, { value: -2 }, "Z below −2"),
        n("back", "logic.crossesAbove", { column: 2, row: 2 }, { value: 0 }, "Z back above 0"),
        ...orders.nodes,
      ],
      [
        e("price", "value", "z", "x"),
        e("z", "value", "stretched", "a"),
        e("z", "value", "back", "a"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("up", "down");
    return template(
      {
        id: "cci-breakout",
        title: "CCI momentum breakout",
        description:
          "The Commodity Channel Index above +100 signals an unusually strong move. Buy when CCI(20) crosses above 100, sell when it falls back below 0.",
        tags: ["momentum", "cci", "oscillator"],
      },
      [
        n("cci", "indicators.cci", { column: 1, row: 1 }, { period: 20 }),
        n("up", "logic.crossesAbove", { column: 2, row: 0 }, { value: 100 }, "CCI crosses above 100"),
        n("down", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "CCI crosses below 0"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "cci", "bars"),
        e("cci", "value", "up", "a"),
        e("cci", "value", "down", "a"),
        ...orders.edges,
      ],
    );
  })(),
];
