/**
 * The part of every Python export that does not depend on the strategy: reading the CSV, rounding
 * and the simulated broker, ported line for line from engine-runtime/execution (see broker.ts for
 * the rules) so that exported strategies trade exactly like the engine. Python's round() rounds
 * halves to even, so js_round reproduces JavaScript's Math.round; divisions that may meet zero go
 * through div() because Python raises where JavaScript gives Infinity or NaN.
 */
export const PY_RUNTIME = `
# ---- Reading bars ------------------------------------------------------------------------------


def read_bars(path):
    """Bars from a CSV whose header names Date, optional Time, Open, High, Low, Close, optional Volume."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=True, encoding="utf-8-sig")
    frame.columns = [str(name).strip().lower() for name in frame.columns]
    for name in ("date", "open", "high", "low", "close"):
        if name not in frame.columns:
            raise SystemExit("The CSV header has no " + name + " column.")
    stamp = frame["date"].str.strip()
    if "time" in frame.columns:
        stamp = stamp + " " + frame["time"].str.strip()
    moments = pd.to_datetime(stamp, utc=True)
    epoch = pd.Timestamp(0, tz="UTC")
    bars = {"time": ((moments - epoch) // pd.Timedelta(milliseconds=1)).astype("float64").to_numpy()}
    for field in ("open", "high", "low", "close", "volume"):
        if field in frame.columns:
            bars[field] = frame[field].str.strip().astype("float64").to_numpy()
        else:
            bars[field] = np.zeros(len(frame))
    return bars


# ---- Rounding: prices to the tick, quantities down to the lot, money to the cent ----------------


def js_round(x):
    """JavaScript's Math.round: halves round up, not to even."""
    if not math.isfinite(x):
        return x
    whole = math.floor(x)
    return float(whole + 1) if x - whole >= 0.5 else float(whole)


def div(a, b):
    """a / b with JavaScript's answers where Python would raise: +-Infinity, or NaN for 0 / 0."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return NAN
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def decimals_of(step):
    return max(0, -Decimal(repr(float(step))).normalize().as_tuple().exponent)


def steps_in(value, step):
    """value / step, with float noise below the 12th significant digit removed."""
    q = div(value, step)
    if q == 0 or not math.isfinite(q):
        return q
    nearest = js_round(q)
    if abs(q - nearest) <= 1e-9 * max(1, abs(q)):
        return nearest
    scale = 10.0 ** (11 - math.floor(math.log10(abs(q))))
    return js_round(q * scale) / scale


def from_steps(count, step):
    scale = 10.0 ** min(20, decimals_of(step))
    return js_round(count * step * scale) / scale


def round_to_tick(price, tick):
    if not tick > 0 or not math.isfinite(price):
        return price
    return from_steps(js_round(steps_in(price, tick)), tick)


def ceil_to_tick(price, tick):
    if not tick > 0 or not math.isfinite(price):
        return price
    q = steps_in(price, tick)
    return from_steps(float(math.ceil(q)) if math.isfinite(q) else q, tick)


def floor_to_tick(price, tick):
    if not tick > 0 or not math.isfinite(price):
        return price
    q = steps_in(price, tick)
    return from_steps(float(math.floor(q)) if math.isfinite(q) else q, tick)


def floor_to_lot(quantity, lot):
    if not math.isfinite(quantity) or quantity <= 0:
        return 0.0
    if not lot > 0:
        return quantity
    q = steps_in(quantity, lot)
    return from_steps(float(math.floor(q)) if math.isfinite(q) else q, lot)


# ---- The simulated broker -----------------------------------------------------------------------
# On each bar: day orders expire; orders and attached exits fill at the open, then inside the bar;
# trailing stops follow the bar's extreme; then, on the close, exitAfterBars exits and the rules
# whose signal is true place their orders. Market orders fill at the next bar's open.

DAY_MS = 86400000


def offset(price, distance, side):
    """A price distance away from price: above it when side is 1, below it when side is -1."""
    if distance["percent"]:
        return price * (1 + (side * distance["value"]) / 100)
    return price + side * distance["value"]


class Order:
    def __init__(self, rule, action, order_type, time_in_force, purpose, lot):
        self.rule = rule
        self.entry = action in ("enterLong", "enterShort")
        self.direction = 1 if action in ("enterLong", "exitLong") else 0 if action == "exitAll" else -1
        self.lot = lot
        self.order_type = order_type
        self.time_in_force = time_in_force
        self.purpose = purpose
        self.limit = NAN
        self.stop = NAN
        self.triggered = False
        self.session = NAN
        self.done = False
        self.sizing = None
        self.stop_loss = None
        self.take_profit = None
        self.trailing_stop = None
        self.exit_after_bars = 0


class Lot:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class Broker:
    def __init__(self, rules, settings, bars):
        self.rules = rules
        self.settings = settings
        self.bars = {name: column.tolist() for name, column in bars.items()}
        self.trades = []
        self.balance = settings["initialCash"]
        self.lots = []
        self.working = []
        self.last_exit_bar = -math.inf
        self.next_lot = 0
        self.stop_reason = "stopLoss"
        self.bar = 0

    def run(self):
        n = len(self.bars["close"])
        for i in range(n):
            self.step(i)
        return {"trades": self.trades, "openTrades": self.open_trades(n - 1)}

    def step(self, i):
        bars = self.bars
        self.bar = i
        self.time = bars["time"][i]
        self.open = bars["open"][i]
        self.high = bars["high"][i]
        self.low = bars["low"][i]
        self.close = bars["close"][i]
        self.expire_day_orders()
        self.fill_at_open()
        self.exits_at_open()
        self.exits_inside_bar()
        self.fill_inside_bar()
        self.trail()
        self.exit_after_bars()
        for r, rule in enumerate(self.rules):
            if rule["when"][i] == 1:
                self.signal(r)

    def open_trades(self, last):
        if last < 0:
            return []
        close, time = self.bars["close"][last], self.bars["time"][last]
        return [self.trade(lot, close, last, time, 0, "open") for lot in self.lots]

    def held(self):
        return self.lots[0].direction if self.lots else 0

    def signal(self, r):
        rule = self.rules[r]
        held = self.held()
        action = rule["action"]
        if action == "reverse":
            if held == 0:
                return
            action = "enterShort" if held > 0 else "enterLong"
        entry = action in ("enterLong", "enterShort")
        if entry:
            direction = 1 if action == "enterLong" else -1
            cooldown = rule.get("cooldownBars")
            if cooldown is not None and self.bar < self.last_exit_bar + cooldown:
                return
            count = sum(1 for lot in self.lots if lot.direction == direction)
            count += sum(1 for o in self.working if o.rule != r and o.direction == direction and o.entry)
            if count >= rule.get("maxOpenPositions", 1):
                return
        elif held == 0 or (action == "exitLong" and held < 0) or (action == "exitShort" and held > 0):
            return
        # A new signal replaces the rule's order still working.
        for order in self.working:
            if order.rule == r:
                order.done = True
        self.drop_finished()
        order = Order(r, action, rule["orderType"], rule["timeInForce"], "entry" if entry else "signal", -1)
        order.sizing = rule.get("sizing")
        if self.prepare(order, rule):
            self.working.append(order)

    def prepare(self, order, rule):
        """Reads the rule's prices and distances on the signal bar; False when the order is rejected."""
        tick, lot_size = self.settings["tickSize"], self.settings["lotSize"]
        i = self.bar
        if rule["orderType"] in ("limit", "stopLimit"):
            prices = rule.get("limitPrice")
            order.limit = round_to_tick(prices[i], tick) if prices is not None else NAN
            if not order.limit > 0:
                return False
        if rule["orderType"] in ("stop", "stopLimit"):
            prices = rule.get("stopPrice")
            order.stop = round_to_tick(prices[i], tick) if prices is not None else NAN
            if not order.stop > 0:
                return False
        if not order.entry:
            return True
        order.stop_loss = self.distance(rule.get("stopLoss"))
        order.take_profit = self.distance(rule.get("takeProfit"))
        order.trailing_stop = self.distance(rule.get("trailingStop"))
        for distance in (order.stop_loss, order.take_profit, order.trailing_stop):
            if distance is not None and not distance["value"] > 0:
                return False
        order.exit_after_bars = rule.get("exitAfterBars", 0)
        sizing = rule.get("sizing")
        if sizing and sizing["mode"] == "riskPercent" and order.stop_loss is None:
            return False
        if sizing and sizing["mode"] == "fixedQuantity" and floor_to_lot(sizing["quantity"], lot_size) <= 0:
            return False
        return True

    def distance(self, distance):
        if not distance:
            return None
        if distance["mode"] == "series":
            return {"percent": False, "value": distance["values"][self.bar]}
        return {"percent": distance["mode"] == "percent", "value": distance["value"]}

    def drop_finished(self):
        self.working = [order for order in self.working if not order.done]

    def buys(self, order):
        """Long entries and short exits buy."""
        if order.entry:
            return order.direction > 0
        return self.held() < 0 if order.direction == 0 else order.direction < 0

    def fill_at_open(self):
        price = self.open
        for order in self.working:
            if order.done:
                continue
            buy = self.buys(order)
            kind = order.order_type
            if kind == "market":
                self.execute(order, self.slipped(price, buy), True)
            elif kind == "limit":
                if (price <= order.limit) if buy else (price >= order.limit):
                    self.execute(order, price, True)
            elif kind == "stop":
                if (price >= order.stop) if buy else (price <= order.stop):
                    self.execute(order, self.slipped(price, buy), True)
            elif kind == "stopLimit":
                if not order.triggered and ((price >= order.stop) if buy else (price <= order.stop)):
                    order.triggered = True
                if order.triggered and ((price <= order.limit) if buy else (price >= order.limit)):
                    self.execute(order, price, True)
        self.drop_finished()

    def fill_inside_bar(self):
        high, low = self.high, self.low
        for order in self.working:
            if order.done:
                continue
            buy = self.buys(order)
            kind = order.order_type
            if kind == "limit":
                if (low <= order.limit) if buy else (high >= order.limit):
                    self.execute(order, order.limit, False)
            elif kind == "stop":
                if (high >= order.stop) if buy else (low <= order.stop):
                    self.execute(order, self.slipped(order.stop, buy), False)
            elif kind == "stopLimit":
                if order.triggered:
                    if (low <= order.limit) if buy else (high >= order.limit):
                        self.execute(order, order.limit, False)
                elif (high >= order.stop) if buy else (low <= order.stop):
                    order.triggered = True
                    if (order.stop <= order.limit) if buy else (order.stop >= order.limit):
                        self.execute(order, order.stop, False)
        self.drop_finished()

    def expire_day_orders(self):
        """A day order works through the UTC day of the first bar after it was placed."""
        day = math.floor(self.time / DAY_MS)
        for order in self.working:
            if order.time_in_force != "day" or order.order_type == "market":
                continue
            if math.isnan(order.session):
                order.session = day
            elif day != order.session:
                order.done = True
        self.drop_finished()

    def slipped(self, price, buy):
        """Slippage against the trader, rounded to the tick against the trader, kept inside the bar."""
        bps, ticks = self.settings["slippage"]["bps"], self.settings["slippage"]["ticks"]
        if bps == 0 and ticks == 0:
            return price
        tick = self.settings["tickSize"]
        if buy:
            moved = ceil_to_tick(price * (1 + bps / 10000) + ticks * tick, tick)
        else:
            moved = floor_to_tick(price * (1 - bps / 10000) - ticks * tick, tick)
        return min(self.high, max(self.low, moved))

    def commission(self, quantity, price):
        fee = self.settings["commission"]
        amount = (quantity * price * fee["percent"]) / 100 + quantity * fee["perUnit"] + fee["perOrder"]
        return round_to_tick(amount, self.settings["moneyUnit"])

    def execute(self, order, raw_price, at_open):
        price = min(self.high, max(self.low, raw_price))
        money, tick = self.settings["moneyUnit"], self.settings["tickSize"]
        if not order.entry:
            lots = [
                lot
                for lot in self.lots
                if (lot.id == order.lot if order.lot >= 0 else order.direction == 0 or lot.direction == order.direction)
            ]
            if not lots:
                order.done = True
                return
            self.close_lots(lots, price, order, order.purpose)
            return
        direction = order.direction
        if self.lots and self.lots[0].direction != direction:
            self.close_lots(self.lots, price, order, "reverse")
        quantity = self.size(order, price)
        order.done = True
        if quantity <= 0:
            return
        commission = self.commission(quantity, price)
        value = quantity * price
        if value + commission > self.buying_power(price) + 1e-9:
            return
        self.balance = round_to_tick(self.balance - direction * value - commission, money)
        lot = Lot(
            id=self.next_lot,
            direction=direction,
            quantity=quantity,
            entry_price=price,
            entry_bar=self.bar,
            entry_time=self.time,
            commission=commission,
            stop_level=round_to_tick(offset(price, order.stop_loss, -direction), tick) if order.stop_loss else NAN,
            target_level=round_to_tick(offset(price, order.take_profit, direction), tick) if order.take_profit else NAN,
            trailing=order.trailing_stop,
            extreme=price,
            opened_at_open=at_open,
            exit_after_bars=order.exit_after_bars,
            exit_placed=False,
            closed=False,
        )
        self.next_lot += 1
        self.lots.append(lot)
        if not at_open:
            self.stop_on_entry_bar(lot)

    def size(self, order, price):
        lot_size, fee = self.settings["lotSize"], self.settings["commission"]
        sizing = order.sizing
        if not sizing:
            return floor_to_lot(self.settings["defaultQuantity"], lot_size)
        if sizing["mode"] == "fixedQuantity":
            return floor_to_lot(sizing["quantity"], lot_size)
        equity = self.equity_at(price)
        if sizing["mode"] == "riskPercent":
            stop = offset(price, order.stop_loss, -order.direction)
            return floor_to_lot(div((equity * sizing["percent"]) / 100, abs(price - stop)), lot_size)
        budget = sizing["cash"] if sizing["mode"] == "fixedCash" else (equity * sizing["percent"]) / 100
        unit_cost = price * (1 + fee["percent"] / 100) + fee["perUnit"]
        return floor_to_lot(div(budget - fee["perOrder"], unit_cost), lot_size)

    def equity_at(self, price):
        equity = self.balance
        for lot in self.lots:
            equity += lot.direction * lot.quantity * price
        return equity

    def buying_power(self, price):
        """Longs are paid in full and shorts need full cash cover."""
        power = self.equity_at(price)
        for lot in self.lots:
            power -= lot.quantity * price
        return power

    def close_lots(self, lots, price, order, reason):
        """Closes lots (all of one direction) in one fill; the commission is shared by quantity."""
        direction = lots[0].direction
        quantity = 0
        for lot in lots:
            quantity += lot.quantity
        commission = self.commission(quantity, price)
        money = self.settings["moneyUnit"]
        self.balance = round_to_tick(self.balance + direction * quantity * price - commission, money)
        for lot in lots:
            share = round_to_tick((commission * lot.quantity) / quantity, money)
            self.trades.append(self.trade(lot, price, self.bar, self.time, share, reason))
        for lot in lots:
            lot.closed = True
        self.lots = [lot for lot in self.lots if not lot.closed]
        self.last_exit_bar = self.bar
        if not order.entry:
            order.done = True
        if not self.lots:
            for other in self.working:
                if other is not order and not other.entry:
                    other.done = True

    def trade(self, lot, price, bar, time, exit_commission, reason):
        money = self.settings["moneyUnit"]
        commission = round_to_tick(lot.commission + exit_commission, money)
        pnl = round_to_tick(lot.direction * (price - lot.entry_price) * lot.quantity - commission, money)
        return {
            "direction": "long" if lot.direction > 0 else "short",
            "entryBar": lot.entry_bar,
            "entryTime": int(lot.entry_time),
            "entryPrice": lot.entry_price,
            "exitBar": bar,
            "exitTime": int(time),
            "exitPrice": price,
            "quantity": lot.quantity,
            "pnl": pnl,
            "returnPercent": div(pnl, lot.entry_price * lot.quantity) * 100,
            "commission": commission,
            "barsHeld": bar - lot.entry_bar,
            "exitReason": reason,
        }

    def stop_of(self, lot):
        """The stop that applies now: the tighter of the stop loss and the trailing stop."""
        level = lot.stop_level
        self.stop_reason = "stopLoss"
        if lot.trailing:
            trail = round_to_tick(offset(lot.extreme, lot.trailing, -lot.direction), self.settings["tickSize"])
            if math.isnan(level) or ((trail > level) if lot.direction > 0 else (trail < level)):
                level = trail
                self.stop_reason = "trailingStop"
        return level

    def exits_at_open(self):
        price = self.open
        for lot in self.lots:
            if lot.closed or lot.entry_bar == self.bar:
                continue
            long = lot.direction > 0
            level = self.stop_of(lot)
            if (price <= level) if long else (price >= level):
                self.attached_exit(lot, self.stop_reason, self.slipped(price, not long))
            elif (price >= lot.target_level) if long else (price <= lot.target_level):
                self.attached_exit(lot, "takeProfit", price)

    def exits_inside_bar(self):
        for lot in self.lots:
            if lot.closed:
                continue
            long = lot.direction > 0
            level = self.stop_of(lot)
            if (self.low <= level) if long else (self.high >= level):
                self.attached_exit(lot, self.stop_reason, self.slipped(level, not long))
            elif (self.high >= lot.target_level) if long else (self.low <= lot.target_level):
                self.attached_exit(lot, "takeProfit", lot.target_level)

    def stop_on_entry_bar(self, lot):
        """An entry filled inside the bar takes its stop on that bar when the range reaches it."""
        long = lot.direction > 0
        level = self.stop_of(lot)
        if (self.low <= level) if long else (self.high >= level):
            self.attached_exit(lot, self.stop_reason, self.slipped(level, not long))

    def attached_exit(self, lot, reason, price):
        action = "exitLong" if lot.direction > 0 else "exitShort"
        self.execute(Order(-1, action, "market", "gtc", reason, lot.id), price, False)

    def trail(self):
        """Trailing stops follow the bar's extreme after that bar's stop checks."""
        for lot in self.lots:
            if not lot.trailing or (lot.entry_bar == self.bar and not lot.opened_at_open):
                continue
            if (self.high > lot.extreme) if lot.direction > 0 else (self.low < lot.extreme):
                lot.extreme = self.high if lot.direction > 0 else self.low

    def exit_after_bars(self):
        for lot in self.lots:
            if lot.exit_after_bars > 0 and not lot.exit_placed and self.bar + 1 - lot.entry_bar >= lot.exit_after_bars:
                lot.exit_placed = True
                action = "exitLong" if lot.direction > 0 else "exitShort"
                self.working.append(Order(-1, action, "market", "gtc", "exitAfterBars", lot.id))
`;
