import { describe, expect, test } from "vitest";
import { simulate } from "./testing";

type Ohlc = [number, number, number, number];
const flat: Ohlc = [100, 101, 99, 100];

describe("market orders", () => {
  test("fill at the next bar's open, never on the signal bar", () => {
    const broker = simulate(
      [flat, [102, 103, 101, 102], [104, 105, 103, 104], [103, 104, 102, 103]],
      [
        [1, 0, 0, 0],
        [0, 0, 1, 0],
      ],
      [{ action: "enterLong" }, { action: "exitLong", when: 7 }],
    );
    expect(
      broker.fills.map((f) => [f.bar, f.side, f.price]),
      "entry at bar 1's open, exit at bar 3's",
    ).toEqual([
      [1, "buy", 102],
      [3, "sell", 103],
    ]);
    expect(broker.trades[0], "one long trade of one unit, 103 − 102").toMatchObject({
      entryBar: 1,
      exitBar: 3,
      pnl: 1,
      barsHeld: 2,
      exitReason: "signal",
    });
    expect(Array.from(broker.position), "held from bar 1 to bar 2's close").toEqual([0, 1, 1, 0]);
    expect(Array.from(broker.equity), "cash 10000 − 102 plus the close").toEqual([
      10000, 10000, 10002, 10001,
    ]);
  });

  test("log created, accepted and filled for each order", () => {
    const broker = simulate([flat, flat], [[1, 0]], [{ action: "enterLong" }]);
    expect(broker.events.map((e) => [e.bar, e.orderId, e.status])).toEqual([
      [0, 1, "created"],
      [0, 1, "accepted"],
      [1, 1, "filled"],
    ]);
  });

  test("sell short and buy back", () => {
    const broker = simulate(
      [flat, [100, 100, 95, 96], [95, 96, 94, 95]],
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
      [{ action: "enterShort" }, { action: "exitShort", when: 7 }],
      { defaultQuantity: 10 },
    );
    expect(broker.trades[0], "10 units sold at 100, bought back at 95").toMatchObject({
      direction: "short",
      entryPrice: 100,
      exitPrice: 95,
      pnl: 50,
    });
    expect(broker.cash[1], "short proceeds are cash").toBe(11000);
    expect(broker.equity[1], "cash 11000 minus 10 × 96 owed").toBe(10040);
  });
});

describe("limit, stop and stop-limit orders", () => {
  const limitAt = (price: number) => [price, price, price, price, price];
  test("a buy limit waits for the range and fills at its price, or at the open when it gaps below", () => {
    const broker = simulate(
      [flat, [100, 101, 99.5, 100], [100, 100, 98.5, 99], [97, 98, 96, 97]],
      [[1, 0, 0, 0], limitAt(99)],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7 }],
    );
    expect(
      broker.fills.map((f) => [f.bar, f.price]),
      "bar 1's low 99.5 misses 99; bar 2 reaches it",
    ).toEqual([[2, 99]]);
    const gap = simulate(
      [flat, [97, 98, 96, 97]],
      [[1, 0], limitAt(99)],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7 }],
    );
    expect(gap.fills[0].price, "the open at 97 is better than the limit").toBe(97);
  });

  test("a buy stop fills at its price, or at the open when the bar gaps above it", () => {
    const inside = simulate(
      [flat, [104, 105.5, 103, 105]],
      [[1, 0], limitAt(105)],
      [{ action: "enterLong", orderType: "stop", stopPrice: 7 }],
    );
    expect(inside.fills[0].price, "reached inside the bar").toBe(105);
    const gap = simulate(
      [flat, [106, 107, 105.5, 106]],
      [[1, 0], limitAt(105)],
      [{ action: "enterLong", orderType: "stop", stopPrice: 7 }],
    );
    expect(gap.fills[0].price, "gapped through at the open").toBe(106);
  });

  test("a stop-limit becomes a limit once its stop is reached", () => {
    const rule = {
      action: "enterLong" as const,
      orderType: "stopLimit" as const,
      stopPrice: 7,
      limitPrice: 8,
    };
    const same = simulate([flat, [104, 105.5, 103, 105]], [[1, 0], limitAt(105), limitAt(106)], [rule]);
    expect(same.fills[0].price, "triggered at 105 inside the bar, within the 106 limit").toBe(105);
    const rests = simulate(
      [flat, [107, 108, 106.5, 107], [107, 107.5, 105.5, 106]],
      [[1, 0, 0], limitAt(105), limitAt(106)],
      [rule],
    );
    expect(
      rests.fills.map((f) => [f.bar, f.price]),
      "opened at 107 above the limit: it rests as a limit and fills when bar 2 trades down to 106",
    ).toEqual([[2, 106]]);
  });

  test("on daily bars a day order works for the one bar after it was placed; GTC keeps working", () => {
    const bars: Ohlc[] = [flat, flat, flat, [95, 96, 89, 90]];
    const day = simulate(
      bars,
      [[1, 0, 0, 0], limitAt(90)],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7, timeInForce: "day" }],
    );
    expect(
      day.events.map((e) => [e.bar, e.status]),
      "it expires as bar 2, the next day, arrives",
    ).toEqual([
      [0, "created"],
      [0, "accepted"],
      [2, "expired"],
    ]);
    expect(day.fills, "expired before bar 3 reached 90").toEqual([]);
    const gtc = simulate(
      bars,
      [[1, 0, 0, 0], limitAt(90)],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7, timeInForce: "gtc" }],
    );
    expect(gtc.fills.map((f) => [f.bar, f.price])).toEqual([[3, 90]]);
  });

  test("on intraday bars a day order works through the rest of the trading day", () => {
    const hour = 3_600_000;
    const times = [9, 10, 11, 15, 24 + 9, 24 + 10].map((h) => Date.UTC(2020, 0, 1) + h * hour);
    const dip: Ohlc = [95, 96, 89, 90];
    const run = (bars: Ohlc[]) =>
      simulate(
        bars,
        [[1, 0, 0, 0, 0, 0], limitAt(90).concat(90)],
        [{ action: "enterLong", orderType: "limit", limitPrice: 7, timeInForce: "day" }],
        {},
        times,
      );
    expect(
      run([flat, flat, flat, dip, flat, flat]).fills.map((f) => f.bar),
      "15:00 is the same day",
    ).toEqual([3]);
    const late = run([flat, flat, flat, flat, dip, flat]);
    expect(late.fills, "the dip comes the next morning").toEqual([]);
    expect(late.events.at(-1), "expired on the next day's first bar").toMatchObject({
      bar: 4,
      status: "expired",
    });
  });

  test("a new signal of the same rule replaces its working order", () => {
    const broker = simulate(
      [flat, flat, flat],
      [
        [1, 1, 0],
        [90, 91, 91],
      ],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7 }],
    );
    expect(broker.events.map((e) => [e.bar, e.orderId, e.status])).toEqual([
      [0, 1, "created"],
      [0, 1, "accepted"],
      [1, 1, "cancelled"],
      [1, 2, "created"],
      [1, 2, "accepted"],
    ]);
    expect(broker.events[2].reason).toMatch(/replaced/);
  });

  test("an order without a price on its bar is rejected with the reason", () => {
    const broker = simulate(
      [flat, flat],
      [
        [1, 0],
        [Number.NaN, 1],
      ],
      [{ action: "enterLong", orderType: "limit", limitPrice: 7 }],
    );
    expect(broker.events.at(-1)).toMatchObject({
      status: "rejected",
      reason: "The limit price has no positive value on this bar.",
    });
  });
});

describe("costs", () => {
  test("commission adds its percent, per-unit and per-order parts", () => {
    const broker = simulate([flat, [102, 103, 101, 102]], [[1, 0]], [{ action: "enterLong" }], {
      defaultQuantity: 10,
      commission: { percent: 0.1, perUnit: 0.01, perOrder: 1 },
    });
    // 10 × 102 × 0.1 % = 1.02, + 10 × 0.01 = 0.10, + 1 = 2.12
    expect(broker.fills[0].commission).toBe(2.12);
    expect(broker.cash[1], "10000 − 1020 − 2.12").toBe(8977.88);
  });

  test("slippage moves market fills against the trader, rounded to the tick and kept inside the bar", () => {
    const broker = simulate([flat, [100, 100.5, 99, 100]], [[1, 0]], [{ action: "enterLong" }], {
      slippage: { bps: 10, ticks: 1 },
    });
    // 100 × (1 + 10 bps) + 1 tick = 100.11
    expect(broker.fills[0].price).toBe(100.11);
    const clamped = simulate([flat, [100, 100.05, 99, 100]], [[1, 0]], [{ action: "enterLong" }], {
      slippage: { bps: 10, ticks: 1 },
    });
    expect(clamped.fills[0].price, "100.11 is above the bar's high of 100.05").toBe(100.05);
  });

  test("an entry that costs more than the cash is rejected with the amounts", () => {
    const broker = simulate([flat, flat], [[1, 0]], [{ action: "enterLong" }], { defaultQuantity: 101 });
    expect(broker.events.at(-1)?.status).toBe("rejected");
    expect(broker.events.at(-1)?.reason).toBe(
      "Not enough cash: 101 units at 100 cost 10100 plus 0 commission, but only 10000 is available.",
    );
    expect(broker.fills).toEqual([]);
  });
});

describe("attached exits", () => {
  const enter = [1, 0, 0, 0];
  test("a stop and a target inside one bar: the stop fills first", () => {
    const broker = simulate(
      [flat, flat, [100, 104, 97, 100]],
      [enter],
      [
        {
          action: "enterLong",
          stopLoss: { mode: "percent", value: 2 },
          takeProfit: { mode: "percent", value: 3 },
        },
      ],
    );
    expect(broker.trades[0]).toMatchObject({ exitBar: 2, exitPrice: 98, exitReason: "stopLoss" });
  });

  test("a target fills at its price; a gap through the stop fills at the open", () => {
    const target = simulate(
      [flat, flat, [100, 104, 99, 103]],
      [enter],
      [
        {
          action: "enterLong",
          stopLoss: { mode: "points", value: 2 },
          takeProfit: { mode: "points", value: 3 },
        },
      ],
    );
    expect(target.trades[0]).toMatchObject({ exitPrice: 103, exitReason: "takeProfit" });
    const gap = simulate(
      [flat, flat, [95, 96, 94, 95]],
      [enter],
      [{ action: "enterLong", stopLoss: { mode: "points", value: 2 } }],
    );
    expect(gap.trades[0]).toMatchObject({ exitBar: 2, exitPrice: 95, exitReason: "stopLoss", pnl: -5 });
  });

  test("a trailing stop follows the highest high after each bar's check", () => {
    const broker = simulate(
      [flat, [100, 110, 100, 109], [108, 108, 104, 105], flat],
      [enter],
      [{ action: "enterLong", trailingStop: { mode: "points", value: 5 } }],
    );
    expect(broker.trades[0], "the high of 110 lifts the stop to 105").toMatchObject({
      exitBar: 2,
      exitPrice: 105,
      exitReason: "trailingStop",
    });
  });

  test("a short's stop sits above the entry", () => {
    const broker = simulate(
      [flat, flat, [100, 103, 99, 102]],
      [enter],
      [{ action: "enterShort", stopLoss: { mode: "percent", value: 2 } }],
    );
    expect(broker.trades[0]).toMatchObject({ direction: "short", exitPrice: 102, pnl: -2 });
  });

  test("a stop distance read from a slot on the signal bar", () => {
    const broker = simulate(
      [flat, flat, [100, 100, 96, 97]],
      [enter, [3, 9, 9, 9]],
      [{ action: "enterLong", stopLoss: { mode: "slot", slot: 7 } }],
    );
    expect(broker.trades[0].exitPrice, "100 − 3 read on bar 0").toBe(97);
  });

  test("exitAfterBars closes at the open N bars after the entry", () => {
    const broker = simulate(
      [flat, [101, 102, 100, 101], [102, 103, 101, 102], [103, 104, 102, 103], [104, 105, 103, 104], flat],
      [[1, 0, 0, 0, 0, 0]],
      [{ action: "enterLong", exitAfterBars: 3 }],
    );
    expect(broker.trades[0]).toMatchObject({
      entryBar: 1,
      exitBar: 4,
      exitPrice: 104,
      barsHeld: 3,
      exitReason: "exitAfterBars",
    });
  });
});

describe("entry rules", () => {
  const bars: Ohlc[] = [flat, flat, flat, flat, flat, flat];
  test("one open entry per direction unless maxOpenPositions allows more", () => {
    const every = [1, 1, 1, 1, 1, 0];
    expect(simulate(bars, [every], [{ action: "enterLong" }]).fills, "no pyramiding by default").toHaveLength(
      1,
    );
    expect(simulate(bars, [every], [{ action: "enterLong", maxOpenPositions: 3 }]).fills).toHaveLength(3);
  });

  test("cooldownBars skips signals on the exit's bar and the bars right after it", () => {
    const broker = simulate(
      bars,
      [
        [1, 0, 1, 1, 1, 0],
        [0, 1, 0, 0, 0, 0],
      ],
      [
        { action: "enterLong", cooldownBars: 2 },
        { action: "exitLong", when: 7 },
      ],
    );
    // Exit fills on bar 2; signals on bars 2 and 3 are skipped, bar 4's enters at bar 5's open.
    expect(broker.fills.map((f) => [f.bar, f.side])).toEqual([
      [1, "buy"],
      [2, "sell"],
      [5, "buy"],
    ]);
  });

  test("an entry against a position reverses it", () => {
    const broker = simulate(
      [flat, flat, [102, 103, 101, 102], flat],
      [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ],
      [{ action: "enterLong" }, { action: "reverse", when: 7 }],
    );
    expect(broker.trades[0]).toMatchObject({ direction: "long", exitPrice: 102, exitReason: "reverse" });
    expect(broker.position[2], "short one unit after the reverse").toBe(-1);
  });

  test("sizing modes resolve at the fill price", () => {
    const size = (sizing: object, extra: object = {}) =>
      simulate([flat, [102, 103, 101, 102]], [[1, 0]], [{ action: "enterLong", sizing, ...extra } as object])
        .fills[0]?.quantity;
    expect(size({ mode: "fixedQuantity", quantity: 7.9 }), "rounded down to whole lots").toBe(7);
    expect(size({ mode: "fixedCash", cash: 1000 }), "1000 / 102 = 9.8").toBe(9);
    expect(size({ mode: "percentOfEquity", percent: 50 }), "5000 / 102 = 49.02").toBe(49);
    expect(
      size({ mode: "riskPercent", percent: 1 }, { stopLoss: { mode: "points", value: 2 } }),
      "risking 1 % of 10000 at 2 points a unit",
    ).toBe(50);
  });

  test("exits with nothing to close place no order", () => {
    const broker = simulate(bars, [[1, 1, 1, 1, 1, 1]], [{ action: "exitLong" }]);
    expect(broker.orders).toEqual([]);
  });
});
