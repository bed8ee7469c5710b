#include "broker.hpp"

#include <algorithm>

#include <cmath>

#include "jsnum.hpp"

namespace strata {

namespace {
constexpr double DAY_MS = 86400000.0;

double jsMaxOf(double a, double b) {
  if (a != a || b != b) return NAN;
  return a > b ? a : b;
}
double jsMinOf(double a, double b) {
  if (a != a || b != b) return NAN;
  return a < b ? a : b;
}
/** Clamps into [low, high] as Math.min(high, Math.max(low, x)). */
double clampInto(double x, double low, double high) { return jsMinOf(high, jsMaxOf(low, x)); }
}  // namespace

const char* actionName(BrokerAction a) {
  switch (a) {
    case BrokerAction::EnterLong: return "enterLong";
    case BrokerAction::EnterShort: return "enterShort";
    case BrokerAction::ExitLong: return "exitLong";
    case BrokerAction::ExitShort: return "exitShort";
    case BrokerAction::ExitAll: return "exitAll";
  }
  return "";
}
const char* orderTypeName(OrderType t) {
  switch (t) {
    case OrderType::Market: return "market";
    case OrderType::Limit: return "limit";
    case OrderType::Stop: return "stop";
    case OrderType::StopLimit: return "stopLimit";
  }
  return "";
}
const char* purposeName(Purpose p) {
  switch (p) {
    case Purpose::Entry: return "entry";
    case Purpose::Signal: return "signal";
    case Purpose::StopLoss: return "stopLoss";
    case Purpose::TakeProfit: return "takeProfit";
    case Purpose::TrailingStop: return "trailingStop";
    case Purpose::ExitAfterBars: return "exitAfterBars";
    case Purpose::Reverse: return "reverse";
    case Purpose::Open: return "open";
  }
  return "";
}
const char* statusName(Status s) {
  switch (s) {
    case Status::Created: return "created";
    case Status::Accepted: return "accepted";
    case Status::Filled: return "filled";
    case Status::Cancelled: return "cancelled";
    case Status::Expired: return "expired";
    case Status::Rejected: return "rejected";
  }
  return "";
}

bool readSettings(const json::Value& value, Settings& out, std::string& error) {
  if (!value.isObject()) {
    error = std::string("The run settings must be an object; they are ") + json::describe(value.kind) + ".";
    return false;
  }
  auto number = [&](const json::Value& object, const char* name, const std::string& where, double& target, double min,
                    bool minOpen, double max) {
    const json::Value* v = object.find(name);
    if (!v) return true;  // the default stays
    if (!v->isNumber() || !std::isfinite(v->number) || (minOpen ? !(v->number > min) : v->number < min) || v->number > max) {
      error = "The run setting " + where + name + " must be a number " + (minOpen ? "above " : "from ") + jsNumberText(min) +
              (std::isfinite(max) ? std::string(minOpen ? " up to " : " to ") + jsNumberText(max) : std::string(" or more")) +
              "; it is " + (v->isNumber() ? jsNumberText(v->number) : std::string(json::describe(v->kind))) + ".";
      return false;
    }
    target = v->number;
    return true;
  };
  const double inf = INFINITY;
  if (!number(value, "initialCash", "", out.initialCash, 0, true, inf) ||
      !number(value, "defaultQuantity", "", out.defaultQuantity, 0, true, inf) ||
      !number(value, "tickSize", "", out.tickSize, 0, true, inf) || !number(value, "lotSize", "", out.lotSize, 0, true, inf) ||
      !number(value, "moneyUnit", "", out.moneyUnit, 0, true, inf))
    return false;
  if (const json::Value* c = value.find("commission")) {
    if (!c->isObject()) {
      error = "The run setting commission must be an object.";
      return false;
    }
    if (!number(*c, "percent", "commission.", out.commissionPercent, 0, false, 100) ||
        !number(*c, "perUnit", "commission.", out.commissionPerUnit, 0, false, inf) ||
        !number(*c, "perOrder", "commission.", out.commissionPerOrder, 0, false, inf))
      return false;
  }
  if (const json::Value* s = value.find("slippage")) {
    if (!s->isObject()) {
      error = "The run setting slippage must be an object.";
      return false;
    }
    if (!number(*s, "bps", "slippage.", out.slippageBps, 0, false, 10000) ||
        !number(*s, "ticks", "slippage.", out.slippageTicks, 0, false, inf))
      return false;
    if (out.slippageTicks != std::floor(out.slippageTicks)) {
      error = "The run setting slippage.ticks must be a whole number.";
      return false;
    }
  }
  return true;
}

Broker::Broker(const std::vector<OrderRule>& rules, const Settings& settings)
    : rules_(rules),
      settings_(settings),
      tick_(settings.tickSize),
      lot_(settings.lotSize),
      money_(settings.moneyUnit),
      balance_(settings.initialCash),
      recordedCash_(settings.initialCash) {}

void Broker::step(double* const* slots, int64_t i, double* equity) {
  slots_ = slots;
  bar_ = i;
  time_ = slots[0][i];
  open_ = slots[1][i];
  high_ = slots[2][i];
  low_ = slots[3][i];
  close_ = slots[4][i];
  if (!working_.empty()) {
    expireDayOrders();
    fillAtOpen();
  }
  if (armed_ > 0) {
    exitsAtOpen();
    exitsInsideBar();
  }
  if (!working_.empty()) fillInsideBar();
  if (trailing_ > 0) trail();
  record(equity);
  if (timed_ > 0) exitAfterBars();
  for (size_t r = 0; r < rules_.size(); r++) {
    if (slots[rules_[r].when][i] == 1) signal(static_cast<int>(r));
  }
}

int64_t Broker::fastForward(double* const* slots, int64_t i, int64_t end, double* equity) {
  if (!working_.empty() || trailing_ > 0 || timed_ > 0) return i;
  // Held lots with fixed stop and target levels leave a bar alone while its low stays above every
  // level that exits on a fall (long stops, short targets) and its high below every level that
  // exits on a rise; the open lies between them, so no exit at the open either.
  double floor = -INFINITY, ceiling = INFINITY;
  if (armed_ > 0) {
    for (int64_t id : lots_) {
      const Lot& lot = allLots_[id];
      double falls = lot.direction > 0 ? lot.stopLevel : lot.targetLevel;
      double rises = lot.direction > 0 ? lot.targetLevel : lot.stopLevel;
      if (falls > floor) floor = falls;
      if (rises < ceiling) ceiling = rises;
    }
  }
  // A rule firing wakes the broker only when signal() would act on it with the position as it is:
  // an exit while flat or holding the other side, or an entry already at its open-position limit,
  // returns before touching anything (no order is working here, so only lots count).
  live_.clear();
  const int heldDirection = held();
  for (const OrderRule& rule : rules_) {
    bool acts;
    switch (rule.action) {
      case Action::EnterLong:
      case Action::EnterShort: {
        int direction = rule.action == Action::EnterLong ? 1 : -1;
        int64_t open = direction == heldDirection ? static_cast<int64_t>(lots_.size()) : 0;
        acts = open < (rule.maxOpenPositions > 0 ? rule.maxOpenPositions : 1);
        break;
      }
      case Action::ExitLong: acts = heldDirection > 0; break;
      case Action::ExitShort: acts = heldDirection < 0; break;
      default: acts = heldDirection != 0; break;  // exit all, reverse
    }
    if (acts) live_.push_back(slots[rule.when]);
  }
  slots_ = slots;
  const double* const* live = live_.data();
  const size_t rules = live_.size();
  // Eight bars at a time, one branch for the eight (most bars are quiet); the bar that fired is then
  // found one by one. The prices are looked at only while a lot has a level to reach.
  const double* high = slots[2];
  const double* low = slots[3];
  const bool levels = armed_ > 0;
  int64_t t = i;
  for (; t + 8 <= end; t += 8) {
    bool fires = false;
    if (levels)
      for (int64_t u = t; u < t + 8; u++) fires |= !(low[u] > floor) | !(high[u] < ceiling);
    for (size_t r = 0; r < rules; r++)
      for (int64_t u = t; u < t + 8; u++) fires |= live[r][u] == 1;
    if (fires) break;
  }
  for (; t < end; t++) {
    bool fires = levels && (!(low[t] > floor) | !(high[t] < ceiling));
    for (size_t r = 0; r < rules; r++) fires |= live[r][t] == 1;
    if (fires) break;
  }
  const double* close = slots[4];
  const double balance = balance_, net = net_;
  for (int64_t u = i; u < t; u++) equity[u] = balance + net * close[u];
  // Cash and the position stay as last recorded over these bars: no holdings rows.
  if (t > i) hold(t - i);
  length = t;
  return t;
}

std::vector<Trade> Broker::openTrades(double close, int64_t last, double time) const {
  std::vector<Trade> open;
  if (last < 0) return open;
  for (int64_t id : lots_) open.push_back(trade(allLots_[id], close, last, time, 0, Purpose::Open));
  return open;
}

void Broker::record(double* equity) {
  int64_t i = length++;
  equity[i] = balance_ + net_ * close_;
  hold(1);
  if (balance_ != recordedCash_ || net_ != recordedNet_) {
    recordedCash_ = balance_;
    recordedNet_ = net_;
    holdings.insert(holdings.end(), {static_cast<double>(i), balance_, net_});
  }
}

/** Counts `bars` recorded bars closed at the current position toward exposure and flat runs. */
void Broker::hold(int64_t bars) {
  if (net_ != 0) {
    exposedBars += bars;
    flat_ = 0;
  } else {
    flat_ += bars;
    longestFlat = std::max(longestFlat, flat_);
  }
}

void Broker::count(const Lot& lot, int sign) {
  net_ += static_cast<double>(sign * lot.direction) * lot.quantity;
  if (!std::isnan(lot.stopLevel) || !std::isnan(lot.targetLevel) || lot.trailing.present) armed_ += sign;
  if (lot.trailing.present) trailing_ += sign;
  if (lot.exitAfterBars > 0) timed_ += sign;
}

int Broker::held() const { return lots_.empty() ? 0 : allLots_[lots_[0]].direction; }

void Broker::signal(int r) {
  const OrderRule& rule = rules_[r];
  BrokerAction action;
  int heldDirection = held();
  if (rule.action == Action::Reverse) {
    if (heldDirection == 0) return;
    action = heldDirection > 0 ? BrokerAction::EnterShort : BrokerAction::EnterLong;
  } else {
    action = static_cast<BrokerAction>(static_cast<int>(rule.action));
  }
  bool entry = action == BrokerAction::EnterLong || action == BrokerAction::EnterShort;
  if (entry) {
    int direction = action == BrokerAction::EnterLong ? 1 : -1;
    if (rule.cooldownBars > 0 && static_cast<double>(bar_) < lastExitBar_ + static_cast<double>(rule.cooldownBars)) return;
    int64_t open = 0;
    for (int64_t id : lots_)
      if (allLots_[id].direction == direction) open++;
    for (const auto& order : working_)
      if (order.rule != r && order.direction == direction && order.entry) open++;
    if (open >= (rule.maxOpenPositions > 0 ? rule.maxOpenPositions : 1)) return;
  } else if (heldDirection == 0 || (action == BrokerAction::ExitLong && heldDirection < 0) ||
             (action == BrokerAction::ExitShort && heldDirection > 0)) {
    return;
  }
  for (auto& order : working_) {
    if (order.rule == r) finish(order, Status::Cancelled, "A new signal from the same order rule replaced it.");
  }
  dropFinished();

  Working order = place(r, action, rule.orderType, rule.timeInForce, entry ? Purpose::Entry : Purpose::Signal, -1);
  order.sizing = rule.sizing;
  std::string problem = prepare(order, rule);
  if (!problem.empty()) {
    finish(order, Status::Rejected, std::move(problem));
    return;
  }
  event(order.ticket, Status::Accepted);
  working_.push_back(order);
}

std::string Broker::prepare(Working& order, const OrderRule& rule) {
  const int64_t i = bar_;
  bool needsLimit = rule.orderType == OrderType::Limit || rule.orderType == OrderType::StopLimit;
  bool needsStop = rule.orderType == OrderType::Stop || rule.orderType == OrderType::StopLimit;
  if (needsLimit) {
    if (rule.limitPrice < 0) return std::string("A ") + orderTypeName(rule.orderType) + " order needs a limit price input.";
    double price = tick_.round(slots_[rule.limitPrice][i]);
    if (!(price > 0)) return "The limit price has no positive value on this bar.";
    order.limit = price;
    orders[order.ticket].limitPrice = price;
  }
  if (needsStop) {
    if (rule.stopPrice < 0) return std::string("A ") + orderTypeName(rule.orderType) + " order needs a stop price input.";
    double price = tick_.round(slots_[rule.stopPrice][i]);
    if (!(price > 0)) return "The stop price has no positive value on this bar.";
    order.stop = price;
    orders[order.ticket].stopPrice = price;
  }
  if (!order.entry) return "";
  order.stopLoss = distance(rule.stopLoss);
  order.takeProfit = distance(rule.takeProfit);
  order.trailingStop = distance(rule.trailingStop);
  auto unset = [](const Resolved& d) { return d.present && !(d.value > 0); };
  if (unset(order.stopLoss)) return "The stop-loss distance has no positive value on this bar.";
  if (unset(order.takeProfit)) return "The take-profit distance has no positive value on this bar.";
  if (unset(order.trailingStop)) return "The trailing-stop distance has no positive value on this bar.";
  order.exitAfterBars = rule.exitAfterBars;
  if (rule.sizing.mode == Sizing::Mode::RiskPercent && !order.stopLoss.present)
    return "Risk-percent sizing needs a stop loss on the same order.";
  if (rule.sizing.mode == Sizing::Mode::FixedQuantity && lot_.floorLot(rule.sizing.amount) <= 0)
    return "The quantity " + jsNumberText(rule.sizing.amount) + " rounds down to zero lots of " + jsNumberText(settings_.lotSize) + ".";
  return "";
}

Broker::Resolved Broker::distance(const Distance& d) const {
  Resolved r;
  if (!d.present()) return r;
  r.present = true;
  if (d.mode == Distance::Mode::Slot) {
    r.value = slots_[d.slot][bar_];
    return r;
  }
  r.percent = d.mode == Distance::Mode::Percent;
  r.value = d.value;
  return r;
}

Broker::Working Broker::place(int rule, BrokerAction action, OrderType type, TimeInForce tif, Purpose purpose, int64_t lot) {
  OrderTicket ticket{static_cast<int64_t>(orders.size()) + 1, rule, action, type, tif, NAN, NAN, purpose, bar_, Status::Created};
  orders.push_back(ticket);
  size_t index = orders.size() - 1;
  event(index, Status::Created);
  bool entry = action == BrokerAction::EnterLong || action == BrokerAction::EnterShort;
  int direction = action == BrokerAction::EnterLong || action == BrokerAction::ExitLong ? 1 : action == BrokerAction::ExitAll ? 0 : -1;
  Working w;
  w.ticket = index;
  w.rule = rule;
  w.entry = entry;
  w.direction = direction;
  w.lot = lot;
  w.limit = NAN;
  w.stop = NAN;
  w.triggered = false;
  w.session = NAN;
  w.done = false;
  w.exitAfterBars = 0;
  return w;
}

void Broker::event(size_t ticket, Status status, int32_t reason) {
  orders[ticket].status = status;
  events.push_back(OrderEvent{bar_, time_, orders[ticket].id, status, reason});
}

// A fixed sentence is stored once however many events give it: a busy run cancels tens of
// thousands of stops with the same words.
void Broker::finish(Working& order, Status status, const char* fixedReason) {
  order.done = true;
  event(order.ticket, status, reasonIndex(fixedReason));
}

void Broker::finish(Working& order, Status status, std::string madeReason) {
  order.done = true;
  reasons.push_back(std::move(madeReason));
  event(order.ticket, status, static_cast<int32_t>(reasons.size() - 1));
}

int32_t Broker::reasonIndex(const char* fixedReason) {
  if (fixedReason == nullptr) return -1;
  for (const auto& [text, index] : fixedReasons_)
    if (text == fixedReason) return index;
  reasons.emplace_back(fixedReason);
  fixedReasons_.emplace_back(fixedReason, static_cast<int32_t>(reasons.size() - 1));
  return fixedReasons_.back().second;
}

void Broker::dropFinished() {
  size_t kept = 0;
  for (size_t k = 0; k < working_.size(); k++)
    if (!working_[k].done) working_[kept++] = working_[k];
  working_.resize(kept);
}

bool Broker::buys(const Working& order) const {
  return order.entry ? order.direction > 0 : order.direction == 0 ? held() < 0 : order.direction < 0;
}

void Broker::fillAtOpen() {
  const double open = open_;
  for (size_t k = 0; k < working_.size(); k++) {
    Working& order = working_[k];
    if (order.done) continue;
    bool buy = buys(order);
    switch (orders[order.ticket].orderType) {
      case OrderType::Market:
        execute(order, slipped(open, buy), true);
        break;
      case OrderType::Limit:
        if (buy ? open <= order.limit : open >= order.limit) execute(order, open, true);
        break;
      case OrderType::Stop:
        if (buy ? open >= order.stop : open <= order.stop) execute(order, slipped(open, buy), true);
        break;
      case OrderType::StopLimit:
        if (!order.triggered && (buy ? open >= order.stop : open <= order.stop)) order.triggered = true;
        if (order.triggered && (buy ? open <= order.limit : open >= order.limit)) execute(order, open, true);
        break;
    }
  }
  dropFinished();
}

void Broker::fillInsideBar() {
  const double high = high_, low = low_;
  for (size_t k = 0; k < working_.size(); k++) {
    Working& order = working_[k];
    if (order.done) continue;
    bool buy = buys(order);
    switch (orders[order.ticket].orderType) {
      case OrderType::Limit:
        if (buy ? low <= order.limit : high >= order.limit) execute(order, order.limit, false);
        break;
      case OrderType::Stop:
        if (buy ? high >= order.stop : low <= order.stop) execute(order, slipped(order.stop, buy), false);
        break;
      case OrderType::StopLimit:
        if (order.triggered) {
          if (buy ? low <= order.limit : high >= order.limit) execute(order, order.limit, false);
        } else if (buy ? high >= order.stop : low <= order.stop) {
          order.triggered = true;
          if (buy ? order.stop <= order.limit : order.stop >= order.limit) execute(order, order.stop, false);
        }
        break;
      case OrderType::Market:
        break;
    }
  }
  dropFinished();
}

void Broker::expireDayOrders() {
  double day = std::floor(time_ / DAY_MS);
  for (auto& order : working_) {
    const OrderTicket& ticket = orders[order.ticket];
    if (ticket.timeInForce != TimeInForce::Day || ticket.orderType == OrderType::Market) continue;
    if (std::isnan(order.session)) order.session = day;
    else if (day != order.session)
      finish(order, Status::Expired, "A day order works only through the trading day after it was placed.");
  }
  dropFinished();
}

double Broker::slipped(double price, bool buy) const {
  double bps = settings_.slippageBps, ticks = settings_.slippageTicks;
  if (bps == 0 && ticks == 0) return price;
  double tick = settings_.tickSize;
  double moved = buy ? tick_.ceil(price * (1 + bps / 10000) + ticks * tick) : tick_.floor(price * (1 - bps / 10000) - ticks * tick);
  return jsMinOf(high_, jsMaxOf(low_, moved));
}

double Broker::commission(double quantity, double price) const {
  return money_.round((quantity * price * settings_.commissionPercent) / 100 + quantity * settings_.commissionPerUnit +
                      settings_.commissionPerOrder);
}

void Broker::execute(Working& order, double rawPrice, bool atOpen) {
  double price = clampInto(rawPrice, low_, high_);
  if (!order.entry) {
    closing_.clear();
    for (int64_t id : lots_) {
      const Lot& lot = allLots_[id];
      if (order.lot >= 0 ? lot.id == order.lot : order.direction == 0 || lot.direction == order.direction) closing_.push_back(id);
    }
    if (closing_.empty()) {
      finish(order, Status::Cancelled, "There is no open position left to exit.");
      return;
    }
    closeLots(closing_, price, order, orders[order.ticket].purpose);
    return;
  }
  int direction = order.direction;
  if (!lots_.empty() && allLots_[lots_[0]].direction != direction) {
    closing_.assign(lots_.begin(), lots_.end());
    closeLots(closing_, price, order, Purpose::Reverse);
  }
  double quantity = size(order, price);
  if (quantity <= 0) {
    finish(order, Status::Rejected, "The order's size rounds down to zero lots of " + jsNumberText(settings_.lotSize) + ".");
    return;
  }
  double fee = commission(quantity, price);
  double value = quantity * price;
  double available = buyingPower(price);
  if (value + fee > available + 1e-9) {
    finish(order, Status::Rejected,
           "Not enough cash: " + jsNumberText(quantity) + " units at " + jsNumberText(price) + " cost " +
               jsNumberText(money_.round(value)) + " plus " + jsNumberText(fee) + " commission, but only " +
               jsNumberText(money_.round(available)) + " is available.");
    return;
  }
  balance_ = money_.round(balance_ - direction * value - fee);
  fill(orders[order.ticket].id, direction > 0, quantity, price, fee, Purpose::Entry);
  finish(order, Status::Filled);

  Lot lot;
  lot.id = static_cast<int64_t>(allLots_.size());
  lot.direction = direction;
  lot.quantity = quantity;
  lot.entryPrice = price;
  lot.entryBar = bar_;
  lot.entryTime = time_;
  lot.commission = fee;
  auto offset = [](double from, const Resolved& d, int side) {
    return d.percent ? from * (1 + (side * d.value) / 100) : from + side * d.value;
  };
  lot.stopLevel = order.stopLoss.present ? tick_.round(offset(price, order.stopLoss, -direction)) : NAN;
  lot.targetLevel = order.takeProfit.present ? tick_.round(offset(price, order.takeProfit, direction)) : NAN;
  lot.trailing = order.trailingStop;
  lot.extreme = price;
  lot.openedAtOpen = atOpen;
  lot.exitAfterBars = order.exitAfterBars;
  lot.exitPlaced = false;
  lot.closed = false;
  allLots_.push_back(lot);
  lots_.push_back(lot.id);
  count(allLots_.back(), 1);
  if (!atOpen) stopOnEntryBar(lot.id);
}

double Broker::size(const Working& order, double price) const {
  const Sizing& sizing = order.sizing;
  if (sizing.mode == Sizing::Mode::None) return lot_.floorLot(settings_.defaultQuantity);
  if (sizing.mode == Sizing::Mode::FixedQuantity) return lot_.floorLot(sizing.amount);
  double equity = equityAt(price);
  if (sizing.mode == Sizing::Mode::RiskPercent) {
    const Resolved& d = order.stopLoss;
    int side = -order.direction;
    double stop = d.percent ? price * (1 + (side * d.value) / 100) : price + side * d.value;
    return lot_.floorLot((equity * sizing.amount) / 100 / std::fabs(price - stop));
  }
  double budget = sizing.mode == Sizing::Mode::FixedCash ? sizing.amount : (equity * sizing.amount) / 100;
  return lot_.floorLot((budget - settings_.commissionPerOrder) /
                       (price * (1 + settings_.commissionPercent / 100) + settings_.commissionPerUnit));
}

double Broker::equityAt(double price) const {
  double equity = balance_;
  for (int64_t id : lots_) {
    const Lot& lot = allLots_[id];
    equity += lot.direction * lot.quantity * price;
  }
  return equity;
}

double Broker::buyingPower(double price) const {
  double power = equityAt(price);
  for (int64_t id : lots_) power -= allLots_[id].quantity * price;
  return power;
}

void Broker::fill(int64_t orderId, bool buy, double quantity, double price, double fee, Purpose purpose) {
  fills.push_back(Fill{bar_, time_, orderId, buy, quantity, price, fee, purpose});
}

void Broker::closeLots(const std::vector<int64_t>& ids, double price, Working& order, Purpose reason) {
  int direction = allLots_[ids[0]].direction;
  double quantity = 0;
  for (int64_t id : ids) quantity += allLots_[id].quantity;
  double fee = commission(quantity, price);
  balance_ = money_.round(balance_ + direction * quantity * price - fee);
  fill(orders[order.ticket].id, direction <= 0, quantity, price, fee, reason);
  for (int64_t id : ids) {
    const Lot& lot = allLots_[id];
    double share = money_.round((fee * lot.quantity) / quantity);
    trades.push_back(trade(lot, price, bar_, time_, share, reason));
  }
  for (int64_t id : ids) {
    allLots_[id].closed = true;
    count(allLots_[id], -1);
  }
  stillOpen_.clear();
  for (int64_t id : lots_)
    if (!allLots_[id].closed) stillOpen_.push_back(id);
  lots_.swap(stillOpen_);
  lastExitBar_ = static_cast<double>(bar_);
  if (orders[order.ticket].status != Status::Filled && !order.entry) finish(order, Status::Filled);
  if (lots_.empty()) {
    for (auto& other : working_) {
      if (&other != &order && !other.entry && !other.done) finish(other, Status::Cancelled, "The position it would exit is closed.");
    }
  }
}

Trade Broker::trade(const Lot& lot, double price, int64_t bar, double time, double exitCommission, Purpose reason) const {
  double fees = money_.round(lot.commission + exitCommission);
  double pnl = money_.round(lot.direction * (price - lot.entryPrice) * lot.quantity - fees);
  Trade t;
  t.longSide = lot.direction > 0;
  t.entryBar = lot.entryBar;
  t.entryTime = lot.entryTime;
  t.entryPrice = lot.entryPrice;
  t.exitBar = bar;
  t.exitTime = time;
  t.exitPrice = price;
  t.quantity = lot.quantity;
  t.pnl = pnl;
  t.returnPercent = (pnl / (lot.entryPrice * lot.quantity)) * 100;
  t.commission = fees;
  t.barsHeld = bar - lot.entryBar;
  t.exitReason = reason;
  return t;
}

double Broker::stopOf(const Lot& lot) {
  double level = lot.stopLevel;
  stopReason_ = Purpose::StopLoss;
  if (lot.trailing.present) {
    int side = -lot.direction;
    const Resolved& d = lot.trailing;
    double trail = tick_.round(d.percent ? lot.extreme * (1 + (side * d.value) / 100) : lot.extreme + side * d.value);
    if (std::isnan(level) || (lot.direction > 0 ? trail > level : trail < level)) {
      level = trail;
      stopReason_ = Purpose::TrailingStop;
    }
  }
  return level;
}

void Broker::exitsAtOpen() {
  const double open = open_;
  // Exits swap in a new list of open lots; this loop walks the lots held at the open.
  snapshot_.assign(lots_.begin(), lots_.end());
  for (int64_t id : snapshot_) {
    const Lot& lot = allLots_[id];
    if (lot.closed || lot.entryBar == bar_) continue;
    bool isLong = lot.direction > 0;
    double level = stopOf(lot);
    if (isLong ? open <= level : open >= level) {
      attachedExit(id, OrderType::Stop, stopReason_, slipped(open, !isLong), level);
    } else if (isLong ? open >= lot.targetLevel : open <= lot.targetLevel) {
      attachedExit(id, OrderType::Limit, Purpose::TakeProfit, open, lot.targetLevel);
    }
  }
}

void Broker::exitsInsideBar() {
  snapshot_.assign(lots_.begin(), lots_.end());
  for (int64_t id : snapshot_) {
    const Lot& lot = allLots_[id];
    if (lot.closed) continue;
    bool isLong = lot.direction > 0;
    double level = stopOf(lot);
    if (isLong ? low_ <= level : high_ >= level) {
      attachedExit(id, OrderType::Stop, stopReason_, slipped(level, !isLong), level);
    } else if (isLong ? high_ >= lot.targetLevel : low_ <= lot.targetLevel) {
      double target = lot.targetLevel;
      attachedExit(id, OrderType::Limit, Purpose::TakeProfit, target, target);
    }
  }
}

void Broker::stopOnEntryBar(int64_t lotId) {
  const Lot& lot = allLots_[lotId];
  bool isLong = lot.direction > 0;
  double level = stopOf(lot);
  if (isLong ? low_ <= level : high_ >= level) attachedExit(lotId, OrderType::Stop, stopReason_, slipped(level, !isLong), level);
}

void Broker::attachedExit(int64_t lotId, OrderType type, Purpose reason, double price, double level) {
  BrokerAction action = allLots_[lotId].direction > 0 ? BrokerAction::ExitLong : BrokerAction::ExitShort;
  Working order = place(-1, action, type, TimeInForce::Gtc, reason, lotId);
  if (type == OrderType::Stop) orders[order.ticket].stopPrice = level;
  else orders[order.ticket].limitPrice = level;
  event(order.ticket, Status::Accepted);
  execute(order, price, false);
}

void Broker::trail() {
  for (int64_t id : lots_) {
    Lot& lot = allLots_[id];
    if (!lot.trailing.present || (lot.entryBar == bar_ && !lot.openedAtOpen)) continue;
    if (lot.direction > 0 ? high_ > lot.extreme : low_ < lot.extreme) lot.extreme = lot.direction > 0 ? high_ : low_;
  }
}

void Broker::exitAfterBars() {
  for (size_t k = 0; k < lots_.size(); k++) {
    Lot& lot = allLots_[lots_[k]];
    if (lot.exitAfterBars > 0 && !lot.exitPlaced && bar_ + 1 - lot.entryBar >= lot.exitAfterBars) {
      lot.exitPlaced = true;
      BrokerAction action = lot.direction > 0 ? BrokerAction::ExitLong : BrokerAction::ExitShort;
      Working order = place(-1, action, OrderType::Market, TimeInForce::Gtc, Purpose::ExitAfterBars, lot.id);
      event(order.ticket, Status::Accepted);
      working_.push_back(order);
    }
  }
}

}  // namespace strata
