/**
 * The part of every JavaScript export that does not depend on the strategy: reading the CSV,
 * rounding, and the simulated broker. It is a line-for-line port of engine-runtime/data/csv.ts,
 * execution/rounding.ts and execution/broker.ts (see the broker's header for the rules), without
 * the order log, so that exported strategies trade exactly like the engine. Kept free of
 * backticks and template placeholders because it is held in a raw template literal.
 */
export const JS_RUNTIME = String.raw`
// ---- Reading bars ----------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z)?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Epoch milliseconds (UTC) of a date and an optional time of day; NaN when malformed. */
function parseTimestamp(dateText, timeText) {
  const date = DATE.exec(dateText);
  if (!date) return NaN;
  let hour = Number(date[4] ?? 0);
  let minute = Number(date[5] ?? 0);
  let second = Number(date[6] ?? 0);
  const millis = Number((date[7] ?? "0").padEnd(3, "0"));
  if (timeText) {
    const time = TIME.exec(timeText);
    if (!time || date[4] !== undefined) return NaN;
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
  }
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/** Bars from a CSV with a header naming Date, optional Time, Open, High, Low, Close, optional Volume. */
function readBars(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const names = (lines[0] ?? "").split(",").map((name) => name.trim().toLowerCase());
  const at = (name) => names.indexOf(name);
  for (const name of ["date", "open", "high", "low", "close"]) {
    if (at(name) < 0) throw new Error("The CSV header has no " + name + " column.");
  }
  const rows = lines.slice(1).map((line, k) => [line, k + 2]).filter(([line]) => line.trim() !== "");
  const bars = {};
  for (const field of ["time", "open", "high", "low", "close", "volume"]) bars[field] = new Float64Array(rows.length);
  rows.forEach(([line, number], r) => {
    const cells = line.split(",");
    const time = parseTimestamp(cells[at("date")].trim(), at("time") >= 0 ? cells[at("time")].trim() : "");
    if (Number.isNaN(time)) throw new Error("Line " + number + ": the date is not YYYY-MM-DD [HH:MM[:SS]].");
    bars.time[r] = time;
    for (const field of ["open", "high", "low", "close", "volume"]) {
      if (at(field) < 0) continue;
      const cell = cells[at(field)].trim();
      const value = cell === "" ? NaN : Number(cell);
      if (!Number.isFinite(value)) throw new Error("Line " + number + ": " + field + " is not a number.");
      bars[field][r] = value;
    }
  });
  return bars;
}

// ---- Rounding: prices to the tick, quantities down to the lot, money to the cent --------------

function decimalsOf(step) {
  const [mantissa, exponent] = step.toExponential().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** value / step, with float noise below the 12th significant digit removed. */
function stepsIn(value, step) {
  const q = value / step;
  if (q === 0 || !Number.isFinite(q)) return q;
  const nearest = Math.round(q);
  if (Math.abs(q - nearest) <= 1e-9 * Math.max(1, Math.abs(q))) return nearest;
  const scale = 10 ** (11 - Math.floor(Math.log10(Math.abs(q))));
  return Math.round(q * scale) / scale;
}

function fromSteps(count, step) {
  const scale = 10 ** Math.min(20, decimalsOf(step));
  return Math.round(count * step * scale) / scale;
}

function roundToTick(price, tick) {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  return fromSteps(Math.round(stepsIn(price, tick)), tick);
}

function ceilToTick(price, tick) {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  return fromSteps(Math.ceil(stepsIn(price, tick)), tick);
}

function floorToTick(price, tick) {
  if (!(tick > 0) || !Number.isFinite(price)) return price;
  return fromSteps(Math.floor(stepsIn(price, tick)), tick);
}

function floorToLot(quantity, lot) {
  if (!Number.isFinite(quantity) || quantity <= 0) return 0;
  if (!(lot > 0)) return quantity;
  return fromSteps(Math.floor(stepsIn(quantity, lot)), lot);
}

// ---- The simulated broker ---------------------------------------------------------------------
// On each bar: day orders expire; orders and attached exits fill at the open, then inside the
// bar; trailing stops follow the bar's extreme; then, on the close, exitAfterBars exits and the
// rules whose signal is true place their orders. Market orders fill at the next bar's open.

const DAY_MS = 86400000;

/** A price "distance" away from "price": above it when side is 1, below it when side is -1. */
function offset(price, distance, side) {
  return distance.percent ? price * (1 + (side * distance.value) / 100) : price + side * distance.value;
}

class Broker {
  constructor(rules, settings, bars) {
    this.rules = rules;
    this.settings = settings;
    this.bars = bars;
    this.trades = [];
    this.balance = settings.initialCash;
    this.lots = [];
    this.working = [];
    this.lastExitBar = -Infinity;
    this.nextLot = 0;
    this.stopReason = "stopLoss";
  }

  run() {
    const n = this.bars.close.length;
    for (let i = 0; i < n; i++) this.step(i);
    return { trades: this.trades, openTrades: this.openTrades(n - 1) };
  }

  step(i) {
    const { bars } = this;
    this.bar = i;
    this.time = bars.time[i];
    this.open = bars.open[i];
    this.high = bars.high[i];
    this.low = bars.low[i];
    this.close = bars.close[i];
    this.expireDayOrders();
    this.fillAtOpen();
    this.exitsAtOpen();
    this.exitsInsideBar();
    this.fillInsideBar();
    this.trail();
    this.exitAfterBars();
    this.rules.forEach((rule, r) => {
      if (rule.when[i] === 1) this.signal(r);
    });
  }

  openTrades(last) {
    if (last < 0) return [];
    return this.lots.map((lot) => this.trade(lot, this.bars.close[last], last, this.bars.time[last], 0, "open"));
  }

  held() {
    return this.lots.length > 0 ? this.lots[0].direction : 0;
  }

  signal(r) {
    const rule = this.rules[r];
    const held = this.held();
    let action = rule.action;
    if (action === "reverse") {
      if (held === 0) return;
      action = held > 0 ? "enterShort" : "enterLong";
    }
    const entry = action === "enterLong" || action === "enterShort";
    if (entry) {
      const direction = action === "enterLong" ? 1 : -1;
      if (rule.cooldownBars !== undefined && this.bar < this.lastExitBar + rule.cooldownBars) return;
      let open = 0;
      for (const lot of this.lots) if (lot.direction === direction) open++;
      for (const order of this.working) if (order.rule !== r && order.direction === direction && order.entry) open++;
      if (open >= (rule.maxOpenPositions ?? 1)) return;
    } else if (held === 0 || (action === "exitLong" && held < 0) || (action === "exitShort" && held > 0)) {
      return;
    }
    // A new signal replaces the rule's order still working.
    for (const order of this.working) if (order.rule === r) order.done = true;
    this.dropFinished();
    const order = this.place(r, action, rule.orderType, rule.timeInForce, entry ? "entry" : "signal", -1);
    order.sizing = rule.sizing;
    if (this.prepare(order, rule)) this.working.push(order);
  }

  /** Reads the rule's prices and distances on the signal bar; false when the order is rejected. */
  prepare(order, rule) {
    const { tickSize, lotSize } = this.settings;
    const i = this.bar;
    if (rule.orderType === "limit" || rule.orderType === "stopLimit") {
      order.limit = roundToTick(rule.limitPrice[i], tickSize);
      if (!(order.limit > 0)) return false;
    }
    if (rule.orderType === "stop" || rule.orderType === "stopLimit") {
      order.stop = roundToTick(rule.stopPrice[i], tickSize);
      if (!(order.stop > 0)) return false;
    }
    if (!order.entry) return true;
    order.stopLoss = this.distance(rule.stopLoss);
    order.takeProfit = this.distance(rule.takeProfit);
    order.trailingStop = this.distance(rule.trailingStop);
    for (const distance of [order.stopLoss, order.takeProfit, order.trailingStop]) {
      if (distance !== null && !(distance.value > 0)) return false;
    }
    order.exitAfterBars = rule.exitAfterBars ?? 0;
    if (rule.sizing?.mode === "riskPercent" && !order.stopLoss) return false;
    if (rule.sizing?.mode === "fixedQuantity" && floorToLot(rule.sizing.quantity, lotSize) <= 0) return false;
    return true;
  }

  distance(distance) {
    if (!distance) return null;
    if (distance.mode === "series") return { percent: false, value: distance.values[this.bar] };
    return { percent: distance.mode === "percent", value: distance.value };
  }

  place(rule, action, orderType, timeInForce, purpose, lot) {
    const entry = action === "enterLong" || action === "enterShort";
    const direction = action === "enterLong" || action === "exitLong" ? 1 : action === "exitAll" ? 0 : -1;
    return {
      rule, entry, direction, lot, orderType, timeInForce, purpose,
      limit: NaN, stop: NaN, triggered: false, session: NaN, done: false,
      sizing: undefined, stopLoss: null, takeProfit: null, trailingStop: null, exitAfterBars: 0,
    };
  }

  dropFinished() {
    this.working = this.working.filter((order) => !order.done);
  }

  /** Long entries and short exits buy. */
  buys(order) {
    return order.entry ? order.direction > 0 : order.direction === 0 ? this.held() < 0 : order.direction < 0;
  }

  fillAtOpen() {
    const open = this.open;
    for (const order of this.working) {
      if (order.done) continue;
      const buy = this.buys(order);
      switch (order.orderType) {
        case "market":
          this.execute(order, this.slipped(open, buy), true);
          break;
        case "limit":
          if (buy ? open <= order.limit : open >= order.limit) this.execute(order, open, true);
          break;
        case "stop":
          if (buy ? open >= order.stop : open <= order.stop) this.execute(order, this.slipped(open, buy), true);
          break;
        case "stopLimit":
          if (!order.triggered && (buy ? open >= order.stop : open <= order.stop)) order.triggered = true;
          if (order.triggered && (buy ? open <= order.limit : open >= order.limit)) this.execute(order, open, true);
          break;
      }
    }
    this.dropFinished();
  }

  fillInsideBar() {
    const { high, low } = this;
    for (const order of this.working) {
      if (order.done) continue;
      const buy = this.buys(order);
      switch (order.orderType) {
        case "limit":
          if (buy ? low <= order.limit : high >= order.limit) this.execute(order, order.limit, false);
          break;
        case "stop":
          if (buy ? high >= order.stop : low <= order.stop) this.execute(order, this.slipped(order.stop, buy), false);
          break;
        case "stopLimit":
          if (order.triggered) {
            if (buy ? low <= order.limit : high >= order.limit) this.execute(order, order.limit, false);
          } else if (buy ? high >= order.stop : low <= order.stop) {
            order.triggered = true;
            if (buy ? order.stop <= order.limit : order.stop >= order.limit) this.execute(order, order.stop, false);
          }
          break;
      }
    }
    this.dropFinished();
  }

  /** A day order works through the UTC day of the first bar after it was placed. */
  expireDayOrders() {
    const day = Math.floor(this.time / DAY_MS);
    for (const order of this.working) {
      if (order.timeInForce !== "day" || order.orderType === "market") continue;
      if (Number.isNaN(order.session)) order.session = day;
      else if (day !== order.session) order.done = true;
    }
    this.dropFinished();
  }

  /** Slippage against the trader, rounded to the tick against the trader, kept inside the bar. */
  slipped(price, buy) {
    const { bps, ticks } = this.settings.slippage;
    if (bps === 0 && ticks === 0) return price;
    const { tickSize } = this.settings;
    const moved = buy
      ? ceilToTick(price * (1 + bps / 10000) + ticks * tickSize, tickSize)
      : floorToTick(price * (1 - bps / 10000) - ticks * tickSize, tickSize);
    return Math.min(this.high, Math.max(this.low, moved));
  }

  commission(quantity, price) {
    const { percent, perUnit, perOrder } = this.settings.commission;
    return roundToTick((quantity * price * percent) / 100 + quantity * perUnit + perOrder, this.settings.moneyUnit);
  }

  execute(order, rawPrice, atOpen) {
    const price = Math.min(this.high, Math.max(this.low, rawPrice));
    const { moneyUnit, tickSize } = this.settings;
    if (!order.entry) {
      const lots = this.lots.filter((lot) =>
        order.lot >= 0 ? lot.id === order.lot : order.direction === 0 || lot.direction === order.direction,
      );
      if (lots.length === 0) {
        order.done = true;
        return;
      }
      this.closeLots(lots, price, order, order.purpose);
      return;
    }
    const direction = order.direction;
    if (this.lots.length > 0 && this.lots[0].direction !== direction) this.closeLots(this.lots, price, order, "reverse");
    const quantity = this.size(order, price);
    order.done = true;
    if (quantity <= 0) return;
    const commission = this.commission(quantity, price);
    const value = quantity * price;
    if (value + commission > this.buyingPower(price) + 1e-9) return;
    this.balance = roundToTick(this.balance - direction * value - commission, moneyUnit);
    const lot = {
      id: this.nextLot++,
      direction,
      quantity,
      entryPrice: price,
      entryBar: this.bar,
      entryTime: this.time,
      commission,
      stopLevel: order.stopLoss ? roundToTick(offset(price, order.stopLoss, -direction), tickSize) : NaN,
      targetLevel: order.takeProfit ? roundToTick(offset(price, order.takeProfit, direction), tickSize) : NaN,
      trailing: order.trailingStop,
      extreme: price,
      openedAtOpen: atOpen,
      exitAfterBars: order.exitAfterBars,
      exitPlaced: false,
      closed: false,
    };
    this.lots.push(lot);
    if (!atOpen) this.stopOnEntryBar(lot);
  }

  size(order, price) {
    const { lotSize, defaultQuantity, commission } = this.settings;
    const sizing = order.sizing;
    if (!sizing) return floorToLot(defaultQuantity, lotSize);
    if (sizing.mode === "fixedQuantity") return floorToLot(sizing.quantity, lotSize);
    const equity = this.equityAt(price);
    if (sizing.mode === "riskPercent") {
      const stop = offset(price, order.stopLoss, -order.direction);
      return floorToLot((equity * sizing.percent) / 100 / Math.abs(price - stop), lotSize);
    }
    const budget = sizing.mode === "fixedCash" ? sizing.cash : (equity * sizing.percent) / 100;
    return floorToLot(
      (budget - commission.perOrder) / (price * (1 + commission.percent / 100) + commission.perUnit),
      lotSize,
    );
  }

  equityAt(price) {
    let equity = this.balance;
    for (const lot of this.lots) equity += lot.direction * lot.quantity * price;
    return equity;
  }

  /** Longs are paid in full and shorts need full cash cover. */
  buyingPower(price) {
    let power = this.equityAt(price);
    for (const lot of this.lots) power -= lot.quantity * price;
    return power;
  }

  /** Closes lots (all of one direction) in one fill; the commission is shared by quantity. */
  closeLots(lots, price, order, reason) {
    const direction = lots[0].direction;
    let quantity = 0;
    for (const lot of lots) quantity += lot.quantity;
    const commission = this.commission(quantity, price);
    const { moneyUnit } = this.settings;
    this.balance = roundToTick(this.balance + direction * quantity * price - commission, moneyUnit);
    for (const lot of lots) {
      const share = roundToTick((commission * lot.quantity) / quantity, moneyUnit);
      this.trades.push(this.trade(lot, price, this.bar, this.time, share, reason));
    }
    for (const lot of lots) lot.closed = true;
    this.lots = this.lots.filter((lot) => !lot.closed);
    this.lastExitBar = this.bar;
    if (!order.entry) order.done = true;
    if (this.lots.length === 0) {
      for (const other of this.working) if (other !== order && !other.entry) other.done = true;
    }
  }

  trade(lot, price, bar, time, exitCommission, reason) {
    const { moneyUnit } = this.settings;
    const commission = roundToTick(lot.commission + exitCommission, moneyUnit);
    const pnl = roundToTick(lot.direction * (price - lot.entryPrice) * lot.quantity - commission, moneyUnit);
    return {
      direction: lot.direction > 0 ? "long" : "short",
      entryBar: lot.entryBar,
      entryTime: lot.entryTime,
      entryPrice: lot.entryPrice,
      exitBar: bar,
      exitTime: time,
      exitPrice: price,
      quantity: lot.quantity,
      pnl,
      returnPercent: (pnl / (lot.entryPrice * lot.quantity)) * 100,
      commission,
      barsHeld: bar - lot.entryBar,
      exitReason: reason,
    };
  }

  /** The stop that applies now: the tighter of the stop loss and the trailing stop. */
  stopOf(lot) {
    let level = lot.stopLevel;
    this.stopReason = "stopLoss";
    if (lot.trailing) {
      const trail = roundToTick(offset(lot.extreme, lot.trailing, -lot.direction), this.settings.tickSize);
      if (Number.isNaN(level) || (lot.direction > 0 ? trail > level : trail < level)) {
        level = trail;
        this.stopReason = "trailingStop";
      }
    }
    return level;
  }

  exitsAtOpen() {
    const open = this.open;
    for (const lot of this.lots) {
      if (lot.closed || lot.entryBar === this.bar) continue;
      const long = lot.direction > 0;
      const level = this.stopOf(lot);
      if (long ? open <= level : open >= level) {
        this.attachedExit(lot, this.stopReason, this.slipped(open, !long));
      } else if (long ? open >= lot.targetLevel : open <= lot.targetLevel) {
        this.attachedExit(lot, "takeProfit", open);
      }
    }
  }

  exitsInsideBar() {
    for (const lot of this.lots) {
      if (lot.closed) continue;
      const long = lot.direction > 0;
      const level = this.stopOf(lot);
      if (long ? this.low <= level : this.high >= level) {
        this.attachedExit(lot, this.stopReason, this.slipped(level, !long));
      } else if (long ? this.high >= lot.targetLevel : this.low <= lot.targetLevel) {
        this.attachedExit(lot, "takeProfit", lot.targetLevel);
      }
    }
  }

  /** An entry filled inside the bar takes its stop on that bar when the range reaches it. */
  stopOnEntryBar(lot) {
    const long = lot.direction > 0;
    const level = this.stopOf(lot);
    if (long ? this.low <= level : this.high >= level) {
      this.attachedExit(lot, this.stopReason, this.slipped(level, !long));
    }
  }

  attachedExit(lot, reason, price) {
    const order = this.place(-1, lot.direction > 0 ? "exitLong" : "exitShort", "market", "gtc", reason, lot.id);
    this.execute(order, price, false);
  }

  /** Trailing stops follow the bar's extreme after that bar's stop checks. */
  trail() {
    for (const lot of this.lots) {
      if (!lot.trailing || (lot.entryBar === this.bar && !lot.openedAtOpen)) continue;
      if (lot.direction > 0 ? this.high > lot.extreme : this.low < lot.extreme) {
        lot.extreme = lot.direction > 0 ? this.high : this.low;
      }
    }
  }

  exitAfterBars() {
    for (const lot of this.lots) {
      if (lot.exitAfterBars > 0 && !lot.exitPlaced && this.bar + 1 - lot.entryBar >= lot.exitAfterBars) {
        lot.exitPlaced = true;
        const action = lot.direction > 0 ? "exitLong" : "exitShort";
        this.working.push(this.place(-1, action, "market", "gtc", "exitAfterBars", lot.id));
      }
    }
  }
}
`;
