import type { Distance, OrderRule } from "@/nodes/core/orders";
import { grown } from "../data/bars";
import { Ledger, tradeOf } from "./ledger";
import { ceilToTick, floorToLot, floorToTick, roundMoney, roundToTick } from "./rounding";
import type { RunSettings } from "./settings";
import type {
  BrokerAction,
  ExitReason,
  Fill,
  FillPurpose,
  OrderEvent,
  OrderStatus,
  OrderTicket,
  OrderType,
  TimeInForce,
  Trade,
} from "./types";

/**
 * The simulated broker and portfolio: one definition of the execution semantics, used by the
 * batch and the streaming executor alike (both call `step` once per bar, in time order).
 *
 * On each bar i, in this order:
 * 1. Before the open, day orders whose trading day is over expire. A day order works through the
 *    trading day (UTC calendar date) of the first bar after it was placed: on daily bars exactly
 *    one bar, on intraday bars the rest of that day (or all of the next day when placed on the
 *    day's last bar). It expires when the first bar of a later day arrives, and that bar's open
 *    cannot fill it. GTC orders work until they fill, are replaced by a new signal of the same
 *    rule, or the position they would exit is closed. Market orders ignore the time in force.
 * 2. At the open: market orders placed on an earlier close fill at the open (plus slippage);
 *    resting limit, stop and stop-limit orders the open gaps through fill at the open; then
 *    attached exits (stop loss, trailing stop, take profit) of positions held since before this
 *    bar that the open gaps through fill at the open.
 * 3. Inside the bar: attached exits of positions held at the open fill when the bar's range
 *    reaches them, at their level; when a stop and a target are both inside one bar the stop fills
 *    (the conservative convention, since the path inside a bar is unknown). Then resting orders
 *    fill when the range reaches them: a limit at its limit price, a stop at its stop price plus
 *    slippage; a stop-limit becomes a limit once the range reaches its stop and fills in the same
 *    bar at the stop price when that is within its limit, else rests as a limit from the next bar.
 *    An entry filled inside the bar takes its stop loss (not its target) on that same bar if the
 *    range reaches it, conservatively, though that part of the range may have come before the fill.
 * 4. At the close: cash, position and equity (cash + position × close) are recorded.
 * 5. On the close: each exitAfterBars position due places a market exit (so a position entered on
 *    bar e with exitAfterBars N exits at the open of bar e + N); then every order rule whose `when`
 *    slot is 1 on this bar (NaN counts as false) places an order, in plan order.
 *
 * Entries: a rule without maxOpenPositions allows one open entry per direction (no pyramiding);
 * entries and exits with nothing to do are skipped silently (no order is placed): an entry while
 * maxOpenPositions entries in its direction are open or working, or within cooldownBars bars of
 * the last exit (signals on the exit's bar and the cooldownBars − 1 bars after it), an exit with no
 * position in its direction, a reverse while flat. An entry against an open position first closes
 * that position at the same price (exit reason "reverse", a fill and commission of its own), which
 * is also what `reverse` does. Sizing is resolved at the fill price: cash sizes (fixedCash,
 * percentOfEquity) include the commission; riskPercent needs a stop loss on the same rule. An entry
 * whose cost (value plus commission) exceeds the buying power (equity minus the value of positions
 * held, i.e. shorts need 100 % cash cover) is rejected with the amounts in the reason.
 *
 * Distances given by a slot are read on the bar of the signal and stay fixed; a trailing stop
 * follows the best high (long) or low (short) of bars held from their open, reading the bar's
 * extreme only after that bar's stop check. Order prices, stop and target levels round to the
 * nearest tick; slippage rounds against the trader; every fill price is clamped into its bar's
 * [low, high]. Cash and commissions round to the money unit at every fill.
 */
export class SimulatedBroker {
  /** Orders, events, fills, trades and the cash and position they left, kept compact until read. */
  readonly ledger: Ledger;
  /** Per bar, at its close. */
  equity: Float64Array;
  length = 0;

  private balance: number;
  private lots: Lot[] = [];
  private working: Working[] = [];
  private lastExitBar = Number.NEGATIVE_INFINITY;
  private nextLot = 0;
  private bar = 0;
  private time = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private slots: readonly Float64Array[] = [];
  private stopReason: ExitReason = "stopLoss";
  /** Signed quantity held, and how many open lots have attached exits, trailing stops and exitAfterBars. */
  private net = 0;
  private armed = 0;
  private trailing = 0;
  private timed = 0;
  private readonly when: number[];
  /**
   * What fastForward watches while the lots held stay the same: the rules that could act, and the
   * prices at or beyond which an attached exit fires (NaN levels never do).
   */
  private readonly listening: number[] = [];
  private listeners = 0;
  /**
   * Per rule, the next bar its signal column is 1 as last found, or where that search stopped
   * (`searchedTo`) when it found none before; −1 when unknown. Searches stop at the end fastForward
   * was given, as the columns after it may not be computed yet.
   */
  private readonly firesAt: number[];
  private readonly searchedTo: number[];
  private scannedSlots: readonly Float64Array[] | null = null;
  private below = Number.NEGATIVE_INFINITY;
  private above = Number.POSITIVE_INFINITY;
  private watchedSlots: readonly Float64Array[] | null = null;

  constructor(
    readonly rules: readonly OrderRule[],
    readonly settings: RunSettings,
    capacity = 1024,
  ) {
    this.balance = settings.initialCash;
    this.ledger = new Ledger(settings.initialCash);
    this.when = rules.map((rule) => rule.when);
    this.firesAt = rules.map(() => -1);
    this.searchedTo = rules.map(() => -1);
    this.equity = new Float64Array(capacity);
  }

  /** Cash at each bar's close. */
  get cash(): Float64Array {
    return this.ledger.cashColumn(this.length);
  }

  /** Signed quantity held at each bar's close: positive long, negative short. */
  get position(): Float64Array {
    return this.ledger.positionColumn(this.length);
  }

  /** Signed quantity held now. */
  get held(): number {
    return this.net;
  }

  get events(): OrderEvent[] {
    return this.ledger.events(this.slots[0]);
  }

  get fills(): Fill[] {
    return this.ledger.fills(this.slots[0]);
  }

  get trades(): Trade[] {
    return this.ledger.trades(this.slots[0]);
  }

  get orders(): OrderTicket[] {
    return this.ledger.orders;
  }

  /** Processes bar i: slots 0..5 hold the run's bars; rules read their own slots. */
  step(slots: readonly Float64Array[], i: number): void {
    if (this.slots !== slots) this.slots = slots;
    this.bar = i;
    this.time = slots[0][i];
    this.open = slots[1][i];
    this.high = slots[2][i];
    this.low = slots[3][i];
    this.close = slots[4][i];

    if (this.working.length > 0) {
      this.expireDayOrders();
      this.fillAtOpen();
    }
    if (this.armed > 0) {
      this.exitsAtOpen();
      this.exitsInsideBar();
    }
    if (this.working.length > 0) this.fillInsideBar();
    if (this.trailing > 0) this.trail();
    this.record();
    if (this.timed > 0) this.exitAfterBars();
    const when = this.when;
    for (let r = 0; r < when.length; r++) {
      if (slots[when[r]][i] === 1) this.signal(r);
    }
  }

  /**
   * Batch only: records bars from i on for as long as nothing can happen on them, and returns the
   * first bar that needs a full step. Nothing happens on a bar when no order is working, no rule
   * that could act fires (an exit while flat, an entry while its positions are full), and the bar,
   * open included, stays strictly between the attached exits of the lots held. Trailing stops and
   * exitAfterBars change state on every bar, so lots that have them are always stepped. Such bars
   * change no state, so skipping `step` on them gives the same result as stepping. Columns are
   * read only below `end`: the bars from there on need not be computed yet.
   */
  fastForward(slots: readonly Float64Array[], i: number, end: number): number {
    if (this.working.length > 0 || this.trailing > 0 || this.timed > 0) return i;
    if (this.slots !== slots) this.slots = slots;
    if (this.scannedSlots !== slots) {
      this.scannedSlots = slots;
      this.firesAt.fill(-1);
    }
    if (this.watchedSlots !== slots) this.watch(slots);
    end = Math.min(end, this.equity.length);
    // Where a rule that could act fires next: each column is scanned once per run, as what a
    // search found (or the bars it found clear) holds on later calls until a step passes it.
    const { firesAt, searchedTo } = this;
    for (let k = 0; k < this.listeners; k++) {
      const r = this.listening[k];
      let next = firesAt[r];
      if (next >= i && (next !== searchedTo[r] || next >= end)) {
        // A signal found before, or none before end.
        if (next < end) end = next;
        continue;
      }
      // Search from i when a step has passed what was found, else on from where the last search
      // stopped without finding one.
      if (next < i) next = i;
      next = nextSignal(slots[this.when[r]], next, end);
      firesAt[r] = next;
      searchedTo[r] = end;
      end = next;
    }
    if (this.lots.length > 0) {
      const { below, above } = this;
      const open = slots[1];
      const high = slots[2];
      const low = slots[3];
      let t = i;
      for (; t < end; t++) {
        const o = open[t];
        if (!(low[t] > below && o > below && high[t] < above && o < above)) break;
      }
      end = t;
    }
    markToMarket(this.equity, slots[4], this.balance, this.net, i, end);
    this.length = end;
    return end;
  }

  /** Sets up what fastForward watches for the lots held now. */
  private watch(slots: readonly Float64Array[]): void {
    this.watchedSlots = slots;
    let listeners = 0;
    for (let r = 0; r < this.when.length; r++) if (this.couldAct(r)) this.listening[listeners++] = r;
    this.listeners = listeners;
    let below = Number.NEGATIVE_INFINITY;
    let above = Number.POSITIVE_INFINITY;
    for (const lot of this.lots) {
      const long = lot.direction > 0;
      const lower = long ? lot.stopLevel : lot.targetLevel;
      const upper = long ? lot.targetLevel : lot.stopLevel;
      if (lower > below) below = lower;
      if (upper < above) above = upper;
    }
    this.below = below;
    this.above = above;
  }

  /** Entries still open, marked at the last recorded close, with exit reason "open"; no exit commission. */
  openTrades(): Trade[] {
    const last = this.length - 1;
    if (last < 0) return [];
    const close = this.slots[4][last];
    const time = this.slots[0][last];
    const trades: Trade[] = [];
    for (const lot of this.lots) {
      const commission = this.tradeCommission(lot, 0);
      const pnl = this.tradePnl(lot, close, commission);
      trades.push(
        tradeOf(
          lot.direction,
          lot.entryBar,
          lot.entryTime,
          lot.entryPrice,
          last,
          time,
          close,
          lot.quantity,
          pnl,
          returnPercent(lot, pnl),
          commission,
          "open",
        ),
      );
    }
    return trades;
  }

  private record(): void {
    if (this.length === this.equity.length) {
      this.equity = grown(this.equity, Math.max(16, this.equity.length * 2));
    }
    const i = this.length++;
    this.equity[i] = this.balance + this.net * this.close;
    this.ledger.hold(i, this.balance, this.net);
  }

  /** Keeps the counts that let quiet bars skip the exit checks. */
  private count(lot: Lot, sign: number): void {
    this.watchedSlots = null;
    this.net += sign * lot.direction * lot.quantity;
    if (!Number.isNaN(lot.stopLevel) || !Number.isNaN(lot.targetLevel) || lot.trailing) this.armed += sign;
    if (lot.trailing) this.trailing += sign;
    if (lot.exitAfterBars > 0) this.timed += sign;
  }

  // ---- placing orders ----

  /** The action a signal of rule r takes now, or null when it has nothing to do. */
  private intent(r: number): BrokerAction | null {
    const rule = this.rules[r];
    let action: BrokerAction;
    const held = this.side();
    if (rule.action === "reverse") {
      if (held === 0) return null;
      action = held > 0 ? "enterShort" : "enterLong";
    } else action = rule.action;

    if (action === "enterLong" || action === "enterShort") {
      const direction = action === "enterLong" ? 1 : -1;
      if (rule.cooldownBars !== undefined && this.bar < this.lastExitBar + rule.cooldownBars) return null;
      let open = 0;
      for (const lot of this.lots) if (lot.direction === direction) open++;
      for (const order of this.working)
        if (order.rule !== r && order.direction === direction && order.entry) open++;
      if (open >= (rule.maxOpenPositions ?? 1)) return null;
    } else if (held === 0 || (action === "exitLong" && held < 0) || (action === "exitShort" && held > 0)) {
      return null;
    }
    return action;
  }

  /** Whether a signal of rule r could place an order on a later bar while nothing else changes. */
  private couldAct(r: number): boolean {
    // A cooldown ends with the bars, so only a step can tell.
    return this.rules[r].cooldownBars !== undefined || this.intent(r) !== null;
  }

  private signal(r: number): void {
    const action = this.intent(r);
    if (action === null) return;
    const rule = this.rules[r];

    for (const order of this.working) {
      if (order.rule === r)
        this.finish(order, "cancelled", "A new signal from the same order rule replaced it.");
    }
    this.dropFinished();

    const entry = action === "enterLong" || action === "enterShort";
    const order = this.place(r, action, rule.orderType, rule.timeInForce, entry ? "entry" : "signal", -1);
    order.sizing = rule.sizing;
    const problem = this.prepare(order, rule);
    if (problem) {
      this.finish(order, "rejected", problem);
      return;
    }
    this.event(order, "accepted");
    this.working.push(order);
  }

  /** Reads the rule's prices and distances on the signal bar; returns why the order is invalid, if it is. */
  private prepare(order: Working, rule: OrderRule): string {
    const { tickSize } = this.settings;
    const i = this.bar;
    const needsLimit = rule.orderType === "limit" || rule.orderType === "stopLimit";
    const needsStop = rule.orderType === "stop" || rule.orderType === "stopLimit";
    if (needsLimit) {
      if (rule.limitPrice === undefined) return `A ${rule.orderType} order needs a limit price input.`;
      const price = roundToTick(this.slots[rule.limitPrice][i], tickSize);
      if (!(price > 0)) return "The limit price has no positive value on this bar.";
      order.limit = price;
      this.ledger.setLimitPrice(order.id, price);
    }
    if (needsStop) {
      if (rule.stopPrice === undefined) return `A ${rule.orderType} order needs a stop price input.`;
      const price = roundToTick(this.slots[rule.stopPrice][i], tickSize);
      if (!(price > 0)) return "The stop price has no positive value on this bar.";
      order.stop = price;
      this.ledger.setStopPrice(order.id, price);
    }
    if (!order.entry) return "";
    order.stopLoss = this.distance(rule.stopLoss);
    order.takeProfit = this.distance(rule.takeProfit);
    order.trailingStop = this.distance(rule.trailingStop);
    if (unset(order.stopLoss)) return "The stop-loss distance has no positive value on this bar.";
    if (unset(order.takeProfit)) return "The take-profit distance has no positive value on this bar.";
    if (unset(order.trailingStop)) return "The trailing-stop distance has no positive value on this bar.";
    order.exitAfterBars = rule.exitAfterBars ?? 0;
    if (rule.sizing?.mode === "riskPercent" && !order.stopLoss) {
      return "Risk-percent sizing needs a stop loss on the same order.";
    }
    if (
      rule.sizing?.mode === "fixedQuantity" &&
      floorToLot(rule.sizing.quantity, this.settings.lotSize) <= 0
    ) {
      return `The quantity ${rule.sizing.quantity} rounds down to zero lots of ${this.settings.lotSize}.`;
    }
    return "";
  }

  private distance(distance: Distance | undefined): ResolvedDistance | null {
    if (!distance) return null;
    if (distance.mode === "slot") return { percent: false, value: this.slots[distance.slot][this.bar] };
    return { percent: distance.mode === "percent", value: distance.value };
  }

  private place(
    rule: number,
    action: BrokerAction,
    orderType: OrderType,
    timeInForce: TimeInForce,
    purpose: FillPurpose,
    lot: number,
  ): Working {
    const id = this.ledger.addOrder(rule, action, orderType, timeInForce, purpose, this.bar);
    this.ledger.addEvent(this.bar, id, "created");
    const entry = action === "enterLong" || action === "enterShort";
    const direction = action === "enterLong" || action === "exitLong" ? 1 : action === "exitAll" ? 0 : -1;
    return {
      id,
      orderType,
      timeInForce,
      purpose,
      rule,
      entry,
      direction,
      lot,
      limit: Number.NaN,
      stop: Number.NaN,
      triggered: false,
      session: Number.NaN,
      done: false,
      sizing: undefined,
      stopLoss: null,
      takeProfit: null,
      trailingStop: null,
      exitAfterBars: 0,
    };
  }

  private event(order: Working, status: OrderStatus, reason?: string): void {
    this.ledger.addEvent(this.bar, order.id, status, reason);
  }

  private finish(order: Working, status: OrderStatus, reason?: string): void {
    order.done = true;
    this.event(order, status, reason);
  }

  private dropFinished(): void {
    // In place and without closures: this runs for every order placed. Popping, not setting
    // `length`, which is a call into the runtime.
    const working = this.working;
    let kept = 0;
    for (let k = 0; k < working.length; k++) if (!working[k].done) working[kept++] = working[k];
    while (working.length > kept) working.pop();
  }

  // ---- filling orders ----

  /** Whether the order buys: long entries and short exits buy. */
  private buys(order: Working): boolean {
    return order.entry ? order.direction > 0 : order.direction === 0 ? this.side() < 0 : order.direction < 0;
  }

  /** 1 while long, −1 while short, 0 while flat. */
  private side(): number {
    return this.lots.length > 0 ? this.lots[0].direction : 0;
  }

  private fillAtOpen(): void {
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
          if (buy ? open >= order.stop : open <= order.stop)
            this.execute(order, this.slipped(open, buy), true);
          break;
        case "stopLimit":
          if (!order.triggered && (buy ? open >= order.stop : open <= order.stop)) order.triggered = true;
          if (order.triggered && (buy ? open <= order.limit : open >= order.limit))
            this.execute(order, open, true);
          break;
      }
    }
    this.dropFinished();
  }

  private fillInsideBar(): void {
    const high = this.high;
    const low = this.low;
    for (const order of this.working) {
      if (order.done) continue;
      const buy = this.buys(order);
      switch (order.orderType) {
        case "limit":
          if (buy ? low <= order.limit : high >= order.limit) this.execute(order, order.limit, false);
          break;
        case "stop":
          if (buy ? high >= order.stop : low <= order.stop) {
            this.execute(order, this.slipped(order.stop, buy), false);
          }
          break;
        case "stopLimit":
          if (order.triggered) {
            if (buy ? low <= order.limit : high >= order.limit) this.execute(order, order.limit, false);
          } else if (buy ? high >= order.stop : low <= order.stop) {
            order.triggered = true;
            if (buy ? order.stop <= order.limit : order.stop >= order.limit)
              this.execute(order, order.stop, false);
          }
          break;
        case "market":
          break;
      }
    }
    this.dropFinished();
  }

  /**
   * A day order works through the trading day of the first bar after it was placed (a UTC
   * calendar date) and expires when a bar of a later day arrives, before that bar can fill it.
   */
  private expireDayOrders(): void {
    const day = Math.floor(this.time / DAY_MS);
    for (const order of this.working) {
      if (order.timeInForce !== "day" || order.orderType === "market") continue;
      if (Number.isNaN(order.session)) order.session = day;
      else if (day !== order.session) {
        this.finish(order, "expired", "A day order works only through the trading day after it was placed.");
      }
    }
    this.dropFinished();
  }

  /** Slippage against the trader, rounded to the tick against the trader, clamped into the bar. */
  private slipped(price: number, buy: boolean): number {
    const { bps, ticks } = this.settings.slippage;
    if (bps === 0 && ticks === 0) return price;
    const { tickSize } = this.settings;
    const moved = buy
      ? ceilToTick(price * (1 + bps / 10_000) + ticks * tickSize, tickSize)
      : floorToTick(price * (1 - bps / 10_000) - ticks * tickSize, tickSize);
    return Math.min(this.high, Math.max(this.low, moved));
  }

  private commission(quantity: number, price: number): number {
    const { percent, perUnit, perOrder } = this.settings.commission;
    return roundMoney(
      (quantity * price * percent) / 100 + quantity * perUnit + perOrder,
      this.settings.moneyUnit,
    );
  }

  private execute(order: Working, rawPrice: number, atOpen: boolean): void {
    const price = Math.min(this.high, Math.max(this.low, rawPrice));
    if (!order.entry) {
      const lots = this.lotsExited(order);
      if (lots.length === 0) {
        this.finish(order, "cancelled", "There is no open position left to exit.");
        return;
      }
      this.closeLots(lots, price, order, order.purpose as ExitReason);
      return;
    }

    const direction = order.direction;
    // Lots are all of one direction, so an opposite position is all of them.
    if (this.lots.length > 0 && this.lots[0].direction !== direction)
      this.closeLots(this.lots, price, order, "reverse");

    const quantity = this.size(order, price);
    if (quantity <= 0) {
      this.finish(
        order,
        "rejected",
        `The order's size rounds down to zero lots of ${this.settings.lotSize}.`,
      );
      return;
    }
    const commission = this.commission(quantity, price);
    const value = quantity * price;
    const available = this.buyingPower(price);
    if (value + commission > available + 1e-9) {
      const { moneyUnit } = this.settings;
      this.finish(
        order,
        "rejected",
        `Not enough cash: ${quantity} units at ${price} cost ${roundMoney(value, moneyUnit)} plus ${commission} commission, but only ${roundMoney(available, moneyUnit)} is available.`,
      );
      return;
    }
    this.balance = roundMoney(this.balance - direction * value - commission, this.settings.moneyUnit);
    this.ledger.addFill(this.bar, order.id, direction > 0, quantity, price, commission, "entry");
    this.finish(order, "filled");

    const { tickSize } = this.settings;
    const lot: Lot = {
      id: this.nextLot++,
      direction,
      quantity,
      entryPrice: price,
      entryBar: this.bar,
      entryTime: this.time,
      commission,
      stopLevel: order.stopLoss
        ? roundToTick(offset(price, order.stopLoss, -direction), tickSize)
        : Number.NaN,
      targetLevel: order.takeProfit
        ? roundToTick(offset(price, order.takeProfit, direction), tickSize)
        : Number.NaN,
      trailing: order.trailingStop,
      extreme: price,
      openedAtOpen: atOpen,
      exitAfterBars: order.exitAfterBars,
      exitPlaced: false,
      closed: false,
    };
    this.lots.push(lot);
    this.count(lot, 1);
    if (!atOpen) this.stopOnEntryBar(lot);
  }

  /** The open lots an exit order closes. */
  private lotsExited(order: Working): Lot[] {
    const held = this.lots;
    // Usually every lot held: the array itself then, not a copy (closing swaps in a new one).
    let all = true;
    for (const lot of held) if (!exits(order, lot)) all = false;
    if (all) return held;
    const lots: Lot[] = [];
    for (const lot of held) if (exits(order, lot)) lots.push(lot);
    return lots;
  }

  private size(order: Working, price: number): number {
    const { lotSize, defaultQuantity, commission } = this.settings;
    const sizing = order.sizing;
    if (!sizing) return floorToLot(defaultQuantity, lotSize);
    if (sizing.mode === "fixedQuantity") return floorToLot(sizing.quantity, lotSize);
    const equity = this.equityAt(price);
    if (sizing.mode === "riskPercent") {
      const stop = offset(price, order.stopLoss!, -order.direction);
      return floorToLot((equity * sizing.percent) / 100 / Math.abs(price - stop), lotSize);
    }
    const budget = sizing.mode === "fixedCash" ? sizing.cash : (equity * sizing.percent) / 100;
    return floorToLot(
      (budget - commission.perOrder) / (price * (1 + commission.percent / 100) + commission.perUnit),
      lotSize,
    );
  }

  private equityAt(price: number): number {
    let equity = this.balance;
    for (const lot of this.lots) equity += lot.direction * lot.quantity * price;
    return equity;
  }

  /** Equity not tied up in positions: longs are paid in full and shorts need full cash cover. */
  private buyingPower(price: number): number {
    let power = this.equityAt(price);
    for (const lot of this.lots) power -= lot.quantity * price;
    return power;
  }

  /** Closes lots (all of one direction) in one fill; commission is shared by quantity. */
  private closeLots(lots: Lot[], price: number, order: Working, reason: ExitReason): void {
    const direction = lots[0].direction;
    let quantity = 0;
    for (const lot of lots) quantity += lot.quantity;
    const commission = this.commission(quantity, price);
    const { moneyUnit } = this.settings;
    this.balance = roundMoney(this.balance + direction * quantity * price - commission, moneyUnit);
    this.ledger.addFill(this.bar, order.id, direction < 0, quantity, price, commission, reason);
    for (const lot of lots) {
      const share = roundMoney((commission * lot.quantity) / quantity, moneyUnit);
      const total = this.tradeCommission(lot, share);
      const pnl = this.tradePnl(lot, price, total);
      this.ledger.addTrade(
        lot.direction,
        lot.entryBar,
        lot.entryPrice,
        this.bar,
        price,
        lot.quantity,
        pnl,
        returnPercent(lot, pnl),
        total,
        reason,
      );
    }
    for (const lot of lots) {
      lot.closed = true;
      this.count(lot, -1);
    }
    // A new array, not an in-place edit: the exit loops walk the array that was current at the open.
    this.lots = lots === this.lots ? [] : this.lots.filter((lot) => !lot.closed);
    this.lastExitBar = this.bar;
    if (!order.entry && this.ledger.statusOf(order.id) !== "filled") this.finish(order, "filled");
    if (this.lots.length === 0) {
      for (const other of this.working) {
        if (other !== order && !other.entry && !other.done) {
          this.finish(other, "cancelled", "The position it would exit is closed.");
        }
      }
    }
  }

  /** A trade's commission: its entry's and its share of the exit's. */
  private tradeCommission(lot: Lot, exitCommission: number): number {
    return roundMoney(lot.commission + exitCommission, this.settings.moneyUnit);
  }

  private tradePnl(lot: Lot, price: number, commission: number): number {
    return roundMoney(
      lot.direction * (price - lot.entryPrice) * lot.quantity - commission,
      this.settings.moneyUnit,
    );
  }

  // ---- attached exits ----

  /** The stop that applies now: the tighter of the stop loss and the trailing stop; sets stopReason. */
  private stopOf(lot: Lot): number {
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

  private exitsAtOpen(): void {
    const open = this.open;
    // close swaps in a new lots array, so this loop walks the lots held at the open.
    const lots = this.lots;
    for (let k = 0; k < lots.length; k++) {
      const lot = lots[k];
      if (lot.closed || lot.entryBar === this.bar) continue;
      const long = lot.direction > 0;
      const level = this.stopOf(lot);
      if (long ? open <= level : open >= level) {
        this.attachedExit(lot, "stop", this.stopReason, this.slipped(open, !long), level);
      } else if (long ? open >= lot.targetLevel : open <= lot.targetLevel) {
        this.attachedExit(lot, "limit", "takeProfit", open, lot.targetLevel);
      }
    }
  }

  /** Runs before resting orders fill inside the bar, so every lot seen here was held at the open. */
  private exitsInsideBar(): void {
    const lots = this.lots;
    for (let k = 0; k < lots.length; k++) {
      const lot = lots[k];
      if (lot.closed) continue;
      const long = lot.direction > 0;
      const level = this.stopOf(lot);
      if (long ? this.low <= level : this.high >= level) {
        this.attachedExit(lot, "stop", this.stopReason, this.slipped(level, !long), level);
      } else if (long ? this.high >= lot.targetLevel : this.low <= lot.targetLevel) {
        this.attachedExit(lot, "limit", "takeProfit", lot.targetLevel, lot.targetLevel);
      }
    }
  }

  private stopOnEntryBar(lot: Lot): void {
    const long = lot.direction > 0;
    const level = this.stopOf(lot);
    if (long ? this.low <= level : this.high >= level) {
      this.attachedExit(lot, "stop", this.stopReason, this.slipped(level, !long), level);
    }
  }

  private attachedExit(
    lot: Lot,
    orderType: OrderType,
    reason: ExitReason,
    price: number,
    level: number,
  ): void {
    const order = this.place(
      -1,
      lot.direction > 0 ? "exitLong" : "exitShort",
      orderType,
      "gtc",
      reason,
      lot.id,
    );
    if (orderType === "stop") this.ledger.setStopPrice(order.id, level);
    else this.ledger.setLimitPrice(order.id, level);
    this.event(order, "accepted");
    this.execute(order, price, false);
  }

  /** Moves trailing stops with the extreme of the bar, after that bar's stop checks. */
  private trail(): void {
    for (const lot of this.lots) {
      if (!lot.trailing || (lot.entryBar === this.bar && !lot.openedAtOpen)) continue;
      if (lot.direction > 0 ? this.high > lot.extreme : this.low < lot.extreme) {
        lot.extreme = lot.direction > 0 ? this.high : this.low;
      }
    }
  }

  private exitAfterBars(): void {
    for (const lot of this.lots) {
      if (lot.exitAfterBars > 0 && !lot.exitPlaced && this.bar + 1 - lot.entryBar >= lot.exitAfterBars) {
        lot.exitPlaced = true;
        const action = lot.direction > 0 ? "exitLong" : "exitShort";
        const order = this.place(-1, action, "market", "gtc", "exitAfterBars", lot.id);
        this.event(order, "accepted");
        this.working.push(order);
      }
    }
  }
}

const DAY_MS = 86_400_000;

/**
 * Equity at the close of bars [from, to) while cash and position stay the same. Four bars a turn:
 * this writes every bar of a run, and a loop's own overhead per turn costs as much as its body.
 */
function markToMarket(
  equity: Float64Array,
  close: Float64Array,
  cash: number,
  position: number,
  from: number,
  to: number,
): void {
  let t = from;
  for (; t + 3 < to; t += 4) {
    equity[t] = cash + position * close[t];
    equity[t + 1] = cash + position * close[t + 1];
    equity[t + 2] = cash + position * close[t + 2];
    equity[t + 3] = cash + position * close[t + 3];
  }
  for (; t < to; t++) equity[t] = cash + position * close[t];
}

/** The first bar of [from, end) whose signal is 1, or `end` if there is none. */
function nextSignal(column: Float64Array, from: number, end: number): number {
  let t = from;
  while (t < end && column[t] !== 1) t++;
  return t;
}

/** Whether an exit order closes the lot: its own lot, or every lot of its direction (exitAll: all). */
function exits(order: Working, lot: Lot): boolean {
  return order.lot >= 0 ? lot.id === order.lot : order.direction === 0 || lot.direction === order.direction;
}

/** P&L as a percentage of the entry's value. */
function returnPercent(lot: Lot, pnl: number): number {
  return (pnl / (lot.entryPrice * lot.quantity)) * 100;
}

/** A distance the rule asked for whose value on the signal bar is not a positive number. */
function unset(distance: ResolvedDistance | null): boolean {
  return distance !== null && !(distance.value > 0);
}

/** A price `distance` away from `price`, above it when `side` is 1 and below when it is −1. */
function offset(price: number, distance: ResolvedDistance, side: number): number {
  return distance.percent ? price * (1 + (side * distance.value) / 100) : price + side * distance.value;
}

interface ResolvedDistance {
  percent: boolean;
  value: number;
}

interface Working {
  id: number;
  orderType: OrderType;
  timeInForce: TimeInForce;
  purpose: FillPurpose;
  rule: number;
  entry: boolean;
  /** The side it enters or exits: 1 long, −1 short; 0 for exitAll. */
  direction: number;
  /** The one lot this exit closes, or −1 for every lot of its direction. */
  lot: number;
  limit: number;
  stop: number;
  /** A stop-limit whose stop was reached: now a limit order. */
  triggered: boolean;
  /** For day orders: the UTC day (days since the epoch) of the first bar after placement. */
  session: number;
  done: boolean;
  sizing: OrderRule["sizing"];
  stopLoss: ResolvedDistance | null;
  takeProfit: ResolvedDistance | null;
  trailingStop: ResolvedDistance | null;
  exitAfterBars: number;
}

/** One entry still open. */
interface Lot {
  id: number;
  direction: number;
  quantity: number;
  entryPrice: number;
  entryBar: number;
  entryTime: number;
  /** The entry's commission, charged to the trade when it closes. */
  commission: number;
  stopLevel: number;
  targetLevel: number;
  trailing: ResolvedDistance | null;
  /** Best price since entry: highest high for a long, lowest low for a short. */
  extreme: number;
  openedAtOpen: boolean;
  exitAfterBars: number;
  exitPlaced: boolean;
  closed: boolean;
}
