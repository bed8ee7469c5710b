import { edge as e, longOrders, node as n, type Template, template } from "./template";

export const patternTemplates: Template[] = [
  (() => {
    const orders = longOrders("entry", "exitSignal", 4);
    return template(
      {
        id: "markov-regime-switch",
        title: "Markov regime switch",
        description:
          "Sorts daily returns into three regimes (weak, middle, strong) and learns how they follow each other over the last 250 bars. Buys when the most likely next regime is the strongest with a probability above 40 %; sells when the weakest becomes most likely.",
        tags: ["regime", "markov", "statistics", "probability"],
      },
      [
        n("regime", "patterns.markovRegime", { column: 1, row: 1 }, { states: 3, window: 250 }),
        n(
          "strongNext",
          "logic.compare",
          { column: 2, row: 0 },
          { op: ">=", value: 2 },
          "Next regime is strong",
        ),
        n(
          "confident",
          "logic.compare",
          { column: 2, row: 1 },
          { op: ">", value: 0.4 },
          "Probability above 40 %",
        ),
        n(
          "exitSignal",
          "logic.compare",
          { column: 2, row: 2 },
          { op: "<=", value: 0 },
          "Next regime is weak",
        ),
        n("entry", "logic.and", { column: 3, row: 0 }),
        ...orders.nodes,
      ],
      [
        e("price", "value", "regime", "source"),
        e("regime", "nextState", "strongNext", "a"),
        e("regime", "probability", "confident", "a"),
        e("regime", "nextState", "exitSignal", "a"),
        e("strongNext", "result", "entry", "a"),
        e("confident", "result", "entry", "b"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("bounce", "target", 3);
    return template(
      {
        id: "fibonacci-618-bounce",
        title: "Fibonacci 61.8 % retracement bounce",
        description:
          "Within the swing of the last 100 bars, buys when the close climbs back above the 61.8 % retracement level, and takes profit at the 23.6 % level; a 4 % stop limits the loss.",
        tags: ["fibonacci", "retracement", "support", "stop loss"],
      },
      [
        n("fib", "patterns.fibonacciRetracement", { column: 1, row: 1 }, { window: 100 }),
        n("bounce", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close back above 61.8 %"),
        n("target", "logic.crossesAbove", { column: 2, row: 2 }, {}, "Close reaches 23.6 %"),
        ...orders.nodes,
        n("stop", "risk.stopLoss", { column: 4, row: 0 }, { mode: "percent", value: 4 }),
      ],
      [
        e("price", "bars", "fib", "bars"),
        e("price", "value", "bounce", "a"),
        e("fib", "level618", "bounce", "b"),
        e("price", "value", "target", "a"),
        e("fib", "level236", "target", "b"),
        ...orders.edges,
        e("buy", "order", "stop", "order"),
      ],
    );
  })(),
  (() => {
    const orders = longOrders("bounce", "target", 3);
    return template(
      {
        id: "pivot-point-bounce",
        title: "Pivot point bounce",
        description:
          "Floor-trader pivots from the previous bar: buy when the close climbs back above support S1, sell at resistance R1, with a 3 % stop loss.",
        tags: ["pivot points", "support", "resistance", "stop loss"],
      },
      [
        n("pivots", "patterns.pivotPoints", { column: 1, row: 1 }),
        n("bounce", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close back above S1"),
        n("target", "logic.crossesAbove", { column: 2, row: 2 }, {}, "Close reaches R1"),
        ...orders.nodes,
        n("stop", "risk.stopLoss", { column: 4, row: 0 }, { mode: "percent", value: 3 }),
      ],
      [
        e("price", "bars", "pivots", "bars"),
        e("price", "value", "bounce", "a"),
        e("pivots", "s1", "bounce", "b"),
        e("price", "value", "target", "a"),
        e("pivots", "r1", "target", "b"),
        ...orders.edges,
        e("buy", "order", "stop", "order"),
      ],
    );
  })(),
  (() => {
    const orders = longOrders("turnUp", "turnDown");
    return template(
      {
        id: "zigzag-swing",
        title: "ZigZag swing trader",
        description:
          "Follows swings of at least 5 %: buy when the ZigZag direction turns up, sell when it turns down.",
        tags: ["swing", "zigzag", "pattern"],
      },
      [
        n("zigzag", "patterns.zigzag", { column: 1, row: 1 }, { deviation: 5 }),
        n("turnUp", "logic.crossesAbove", { column: 2, row: 0 }, { value: 0 }, "Swing turns up"),
        n("turnDown", "logic.crossesBelow", { column: 2, row: 2 }, { value: 0 }, "Swing turns down"),
        ...orders.nodes,
      ],
      [
        e("price", "bars", "zigzag", "bars"),
        e("zigzag", "direction", "turnUp", "a"),
        e("zigzag", "direction", "turnDown", "a"),
        ...orders.edges,
      ],
    );
  })(),
  (() => {
    const orders = longOrders("oversold", "overbought", 3);
    return template(
      {
        id: "rsi-sized-with-cooldown",
        title: "RSI dip buyer with sizing and cooldown",
        description:
          "Buys RSI(14) dips below 35 with **20 % of equity** per trade, waits 5 bars after each exit before buying again, and sells above RSI 65.",
        tags: ["mean reversion", "rsi", "position sizing", "cooldown"],
      },
      [
        n("rsi", "indicators.rsi", { column: 1, row: 1 }, { period: 14 }),
        n("oversold", "logic.compare", { column: 2, row: 0 }, { op: "<", value: 35 }, "RSI below 35"),
        n("overbought", "logic.compare", { column: 2, row: 2 }, { op: ">", value: 65 }, "RSI above 65"),
        ...orders.nodes,
        n("size", "risk.positionSize", { column: 4, row: 0 }, { mode: "percentOfEquity", amount: 20 }),
        n("cooldown", "risk.cooldown", { column: 5, row: 0 }, { bars: 5 }),
      ],
      [
        e("price", "value", "rsi", "source"),
        e("rsi", "value", "oversold", "a"),
        e("rsi", "value", "overbought", "a"),
        ...orders.edges,
        e("buy", "order", "size", "order"),
        e("size", "order", "cooldown", "order"),
      ],
    );
  })(),
];
