import { edge as e, longOrders, node as n, type Template, template } from "./template";

export const breakoutTemplates: Template[] = [
  (() => {
    const orders = longOrders("breakout", "breakdown");
    return template(
      {
        id: "turtle-breakout-20-10",
        title: "Turtle breakout 20/10",
        description:
          "The Turtle Traders' System 1: buy when the close breaks above the highest high of the previous 20 bars; sell when it breaks below the lowest low of the previous 10.",
        tags: ["breakout", "donchian", "turtle", "trend following"],
        market: "futures",
      },
      [
        n("entryChannel", "indicators.donchian", { column: 1, row: 0 }, { period: 20 }),
        n("exitChannel", "indicators.donchian", { column: 1, row: 2 }, { period: 10 }),
        n("priorHigh", "math.lag", { column: 2, row: 0 }, { bars: 1 }, "Previous 20-bar high"),
        n("priorLow", "math.lag", { column: 2, row: 2 }, { bars: 1 }, "Previous 10-bar low"),
        n("breakout", "logic.crossesAbove", { column: 3, row: 0 }, {}, "Close above 20-bar high"),
        n("breakdown", "logic.crossesBelow", { column: 3, row: 2 }, {}, "Close below 10-bar low"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "entryChannel", "bars"),
        e("price", "bars", "exitChannel", "bars"),
        e("entryChannel", "upper", "priorHigh", "x"),
        e("exitChannel", "lower", "priorLow", "x"),
        e("price", "value", "breakout", "a"),
        e("priorHigh", "value", "breakout", "b"),
        e("price", "value", "breakdown", "a"),
        e("priorLow", "value", "breakdown", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("breakout", "breakdown");
    return template(
      {
        id: "donchian-55-atr-stop",
        title: "Donchian 55 breakout with ATR stop",
        description:
          "The Turtles' System 2: buy on a break of the previous 55-bar high, exit on a break of the 20-bar low, and never risk more than **2 ATR** below the entry.",
        tags: ["breakout", "donchian", "turtle", "atr", "stop loss"],
        market: "futures",
      },
      [
        n("entryChannel", "indicators.donchian", { column: 1, row: 0 }, { period: 55 }),
        n("exitChannel", "indicators.donchian", { column: 1, row: 2 }, { period: 20 }),
        n("atr", "indicators.atr", { column: 1, row: 3 }, { period: 20 }),
        n("priorHigh", "math.lag", { column: 2, row: 0 }, { bars: 1 }),
        n("priorLow", "math.lag", { column: 2, row: 2 }, { bars: 1 }),
        n("stopDistance", "math.multiply", { column: 2, row: 3 }, { value: 2 }, "2 × ATR"),
        n("breakout", "logic.crossesAbove", { column: 3, row: 0 }),
        n("breakdown", "logic.crossesBelow", { column: 3, row: 2 }),
        ...orders.nodes,
        n("stop", "risk.stopLoss", { column: 5, row: 0 }, { mode: "points" }),
      ],
      [
        e("price", "bars", "entryChannel", "bars"),
        e("price", "bars", "exitChannel", "bars"),
        e("price", "bars", "atr", "bars"),
        e("entryChannel", "upper", "priorHigh", "x"),
        e("exitChannel", "lower", "priorLow", "x"),
        e("atr", "value", "stopDistance", "a"),
        e("price", "value", "breakout", "a"),
        e("priorHigh", "value", "breakout", "b"),
        e("price", "value", "breakdown", "a"),
        e("priorLow", "value", "breakdown", "b"),
        ...orders.edges,
        e("buy", "order", "stop", "order"),
        e("stopDistance", "value", "stop", "distance"),
      ],
    );
  })(),
  (() => {
    return template(
      {
        id: "atr-volatility-breakout",
        title: "ATR volatility breakout with stops",
        description:
          "Buys when the close jumps more than 1.5 ATR above the previous close (a volatility expansion). Each trade has a stop 2 ATR below entry, a 3 % trailing stop and leaves after 10 bars at most.",
        tags: ["breakout", "volatility", "atr", "stop loss", "trailing stop", "time exit"],
      },
      [
        n("atr", "indicators.atr", { column: 1, row: 0 }, { period: 14 }),
        n("previousClose", "math.lag", { column: 1, row: 2 }, { bars: 1 }),
        n("reach", "math.multiply", { column: 2, row: 0 }, { value: 1.5 }, "1.5 × ATR"),
        n("stopDistance", "math.multiply", { column: 2, row: 3 }, { value: 2 }, "2 × ATR"),
        n("threshold", "math.add", { column: 2, row: 1 }, {}, "Previous close + 1.5 ATR"),
        n("breakout", "logic.crossesAbove", { column: 3, row: 0 }, {}, "Close above threshold"),
        n("buy", "orders.enterLong", { column: 4, row: 0 }),
        n("stop", "risk.stopLoss", { column: 5, row: 0 }, { mode: "points" }),
        n("trail", "risk.trailingStop", { column: 6, row: 0 }, { mode: "percent", value: 3 }),
        n("timeExit", "risk.exitAfterBars", { column: 7, row: 0 }, { bars: 10 }),
      ],
      [
        e("price", "bars", "atr", "bars"),
        e("price", "value", "previousClose", "x"),
        e("atr", "value", "reach", "a"),
        e("atr", "value", "stopDistance", "a"),
        e("previousClose", "value", "threshold", "a"),
        e("reach", "value", "threshold", "b"),
        e("price", "value", "breakout", "a"),
        e("threshold", "value", "breakout", "b"),
        e("breakout", "result", "buy", "when"),
        e("buy", "order", "stop", "order"),
        e("stopDistance", "value", "stop", "distance"),
        e("stop", "order", "trail", "order"),
        e("trail", "order", "timeExit", "order"),
      ],
    );
  })(),
  (() => {
    const orders = longOrders("breakout", "backInside");
    return template(
      {
        id: "keltner-breakout",
        title: "Keltner Channel breakout",
        description:
          "Buys when the close breaks above the upper Keltner Channel (EMA 20 ± 2 ATR) and sells when it falls back to the middle line.",
        tags: ["breakout", "keltner", "volatility", "atr"],
      },
      [
        n(
          "channel",
          "indicators.keltner",
          { column: 1, row: 1 },
          { period: 20, atrPeriod: 10, multiplier: 2 },
        ),
        n("breakout", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close above upper channel"),
        n("backInside", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Close below middle line"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "channel", "bars"),
        e("price", "value", "breakout", "a"),
        e("channel", "upper", "breakout", "b"),
        e("price", "value", "backInside", "a"),
        e("channel", "middle", "backInside", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("breakout", "fallback");
    return template(
      {
        id: "bollinger-breakout-trailing",
        title: "Bollinger breakout with trailing stop",
        description:
          "Buys when the close breaks above the upper Bollinger Band (20, 2) and lets the winner run behind a **5 % trailing stop**, or sells when the close falls below the middle band.",
        tags: ["breakout", "bollinger bands", "volatility", "trailing stop"],
      },
      [
        n(
          "bands",
          "indicators.bbands",
          { column: 1, row: 1 },
          { period: 20, deviationsUp: 2, deviationsDown: 2 },
        ),
        n("breakout", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close above upper band"),
        n("fallback", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Close below middle band"),
        ...orders.nodes,
        n("trail", "risk.trailingStop", { column: 5, row: 0 }, { mode: "percent", value: 5 }),
      ],
      [
        e("price", "value", "bands", "source"),
        e("price", "value", "breakout", "a"),
        e("bands", "upper", "breakout", "b"),
        e("price", "value", "fallback", "a"),
        e("bands", "middle", "fallback", "b"),
        ...orders.edges,
        e("buy", "order", "trail", "order"),
      ],
    );
  })(),
  (() => {
    const orders = longOrders("signalUp", "signalDown");
    return template(
      {
        id: "macd-signal-cross",
        title: "MACD signal-line cross",
        description:
          "Buys when the MACD line (12, 26) crosses above its 9-bar signal line and sells when it crosses below.",
        tags: ["momentum", "macd", "trend following"],
      },
      [
        n(
          "macd",
          "indicators.macd",
          { column: 1, row: 1 },
          { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
        ),
        n("signalUp", "logic.crossesAbove", { column: 2, row: 0 }, {}, "MACD crosses above signal"),
        n("signalDown", "logic.crossesBelow", { column: 2, row: 2 }, {}, "MACD crosses below signal"),
        ...orders.nodes,
      ],
      [
        e("price", "value", "macd", "source"),
        e("macd", "macd", "signalUp", "a"),
        e("macd", "signal", "signalUp", "b"),
        e("macd", "macd", "signalDown", "a"),
        e("macd", "signal", "signalDown", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("zeroUp", "zeroDown");
    return template(
      {
        id: "macd-zero-line",
        title: "MACD zero-line cross",
        description:
          "A slower MACD signal: buy when the MACD line crosses above zero (the 12-bar EMA rises above the 26-bar EMA), sell when it crosses below.",
        tags: ["momentum", "macd", "trend following"],
      },
      [
        n("macd", "indicators.macd", { column: 1, row: 1 }),
        n("zeroUp", "logic.crossesAbove", { column: 2, row: 0 }, { value: 0 }, "MACD above zero"),
        n("zeroDown", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "MACD below zero"),
        ...orders.nodes,
      ],
      [
        e("price", "value", "macd", "source"),
        e("macd", "macd", "zeroUp", "a"),
        e("macd", "macd", "zeroDown", "a"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "histDown");
    return template(
      {
        id: "macd-histogram-trend-filter",
        title: "MACD histogram with trend filter",
        description:
          "Buys when the MACD histogram turns positive while the close is above EMA(100); sells when the histogram turns negative.",
        tags: ["momentum", "macd", "filter", "ema"],
      },
      [
        n("macd", "indicators.macd", { column: 1, row: 0 }),
        n("ema", "indicators.ema", { column: 1, row: 2 }, { period: 100 }),
        n("histUp", "logic.crossesAbove", { column: 2, row: 0 }, { value: 0 }, "Histogram turns positive"),
        n("trend", "logic.compare", { column: 2, row: 1 }, { op: ">" }, "Close above EMA 100"),
        n("histDown", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "Histogram turns negative"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "macd", "source"),
        e("price", "value", "ema", "source"),
        e("macd", "histogram", "histUp", "a"),
        e("price", "value", "trend", "a"),
        e("ema", "value", "trend", "b"),
        e("macd", "histogram", "histDown", "a"),
        e("histUp", "result", "entry", "a"),
        e("trend", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "rocDown");
    return template(
      {
        id: "roc-momentum",
        title: "Rate-of-change momentum",
        description:
          "Buys when the 12-bar rate of change turns positive while the close is above SMA(50); sells when momentum turns negative.",
        tags: ["momentum", "rate of change", "filter"],
      },
      [
        n("roc", "indicators.roc", { column: 1, row: 0 }, { period: 12 }),
        n("sma", "indicators.sma", { column: 1, row: 2 }, { period: 50 }),
        n("rocUp", "logic.crossesAbove", { column: 2, row: 0 }, { value: 0 }, "ROC turns positive"),
        n("trend", "logic.compare", { column: 2, row: 1 }, { op: ">" }, "Close above SMA 50"),
        n("rocDown", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "ROC turns negative"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "roc", "source"),
        e("price", "value", "sma", "source"),
        e("roc", "value", "rocUp", "a"),
        e("price", "value", "trend", "a"),
        e("sma", "value", "trend", "b"),
        e("roc", "value", "rocDown", "a"),
        e("rocUp", "result", "entry", "a"),
        e("trend", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("entry", "exitCross");
    return template(
      {
        id: "obv-confirmed-breakout",
        title: "Volume-confirmed trend (OBV)",
        description:
          "Buys when the close crosses above SMA(50) while On-Balance Volume is above its own 20-bar average (buyers are in control); sells when the close crosses back below SMA(50).",
        tags: ["trend following", "volume", "obv", "filter"],
      },
      [
        n("sma", "indicators.sma", { column: 1, row: 0 }, { period: 50 }),
        n("obv", "indicators.obv", { column: 1, row: 2 }),
        n("obvAverage", "indicators.sma", { column: 2, row: 3 }, { period: 20 }, "OBV average"),
        n("cross", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close crosses above SMA 50"),
        n("volumeUp", "logic.compare", { column: 3, row: 2 }, { op: ">" }, "OBV above its average"),
        n("exitCross", "logic.crossesBelow", { column: 2, row: 1 }, {}, "Close crosses below SMA 50"),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "sma", "source"),
        e("price", "bars", "obv", "bars"),
        e("obv", "value", "obvAverage", "source"),
        e("price", "value", "cross", "a"),
        e("sma", "value", "cross", "b"),
        e("obv", "value", "volumeUp", "a"),
        e("obvAverage", "value", "volumeUp", "b"),
        e("price", "value", "exitCross", "a"),
        e("sma", "value", "exitCross", "b"),
        e("cross", "result", "entry", "a"),
        e("volumeUp", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("greenRun", "redBar");
    return template(
      {
        id: "heikin-ashi-trend",
        title: "Heikin-Ashi trend",
        description:
          "Heikin-Ashi candles smooth out noise. Buy after three green candles in a row (close above open), sell on the first red one.",
        tags: ["trend following", "heikin-ashi", "candles"],
      },
      [
        n("ha", "indicators.heikinAshi", { column: 1, row: 1 }),
        n("green", "logic.compare", { column: 2, row: 0 }, { op: ">" }, "Green candle"),
        n("red", "logic.compare", { column: 2, row: 2 }, { op: "<" }, "Red candle"),
        n("greenRun", "logic.trueForBars", { column: 3, row: 0 }, { bars: 3 }, "Three green candles"),
        n("redBar", "logic.becameTrue", { column: 3, row: 2 }, {}, "First red candle"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "ha", "bars"),
        e("ha", "haClose", "green", "a"),
        e("ha", "haOpen", "green", "b"),
        e("ha", "haClose", "red", "a"),
        e("ha", "haOpen", "red", "b"),
        e("green", "result", "greenRun", "condition"),
        e("red", "result", "redBar", "condition"),
        ...orders.edges,
      ],
    );
  })(),
];
