// The simulated broker and portfolio: a port of engine-runtime/execution/broker.ts, whose header
// comment defines the execution rules. The same steps run in the same order, with the same
// rounding, so fills, events and cash agree with the TypeScript engine to the bit.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "plan.hpp"
#include "rounding.hpp"

namespace strata {

struct Settings {
  double initialCash = 10000;
  double defaultQuantity = 1;
  double commissionPercent = 0, commissionPerUnit = 0, commissionPerOrder = 0;
  double slippageBps = 0, slippageTicks = 0;
  double tickSize = 0.01, lotSize = 1, moneyUnit = 0.01;
};

/** Reads run settings (engine-runtime/execution/settings.ts), filling defaults; false with a sentence if invalid. */
bool readSettings(const json::Value& value, Settings& out, std::string& error);

enum class BrokerAction { EnterLong, EnterShort, ExitLong, ExitShort, ExitAll };
enum class Purpose { Entry, Signal, StopLoss, TakeProfit, TrailingStop, ExitAfterBars, Reverse, Open };
enum class Status { Created, Accepted, Filled, Cancelled, Expired, Rejected };

const char* actionName(BrokerAction a);
const char* orderTypeName(OrderType t);
const char* purposeName(Purpose p);
const char* statusName(Status s);

struct OrderTicket {
  int64_t id;
  int rule;
  BrokerAction action;
  OrderType orderType;
  TimeInForce timeInForce;
  double limitPrice;  // NaN: none
  double stopPrice;
  Purpose purpose;
  int64_t createdBar;
  Status status;
};

struct OrderEvent {
  int64_t bar;
  double time;
  int64_t orderId;
  Status status;
  /** Index of the event's reason in Broker::reasons; -1 when it has none. */
  int32_t reason;
};

struct Fill {
  int64_t bar;
  double time;
  int64_t orderId;
  bool buy;
  double quantity, price, commission;
  Purpose purpose;
};

struct Trade {
  bool longSide;
  int64_t entryBar;
  double entryTime, entryPrice;
  int64_t exitBar;
  double exitTime, exitPrice, quantity, pnl, returnPercent, commission;
  int64_t barsHeld;
  Purpose exitReason;
};

class Broker {
 public:
  Broker(const std::vector<OrderRule>& rules, const Settings& settings);

  std::vector<OrderEvent> events;
  std::vector<Fill> fills;
  std::vector<Trade> trades;
  std::vector<OrderTicket> orders;
  /** The events' reasons: each fixed sentence once, each sentence made for one event (with its numbers) once per event. */
  std::vector<std::string> reasons;
  /** Rows of (bar, cash, position) at each bar where cash or the position changes from (initialCash, 0). */
  std::vector<double> holdings;
  /** Bars recorded so far; of them, those closed with a position held, and the longest run without one. */
  int64_t length = 0, exposedBars = 0, longestFlat = 0;

  /** Processes bar i, recording its equity at index i of `equity`. */
  void step(double* const* slots, int64_t i, double* equity);
  /**
   * Records quiet bars from i on (no order working, no rule firing, no held lot's stop or target
   * reached); returns the first bar needing step().
   */
  int64_t fastForward(double* const* slots, int64_t i, int64_t end, double* equity);
  /** The position after the last recorded bar: units held, negative when short. */
  double position() const { return net_; }
  /** Entries still held, marked at `close` of bar `last`. */
  std::vector<Trade> openTrades(double close, int64_t last, double time) const;

 private:
  struct Resolved {
    bool present = false;
    bool percent = false;
    double value = 0;
  };
  struct Working {
    size_t ticket;
    int rule;
    bool entry;
    int direction;
    int64_t lot;
    double limit, stop;
    bool triggered;
    double session;
    bool done;
    Sizing sizing;
    Resolved stopLoss, takeProfit, trailingStop;
    int64_t exitAfterBars;
  };
  struct Lot {
    int64_t id;
    int direction;
    double quantity, entryPrice;
    int64_t entryBar;
    double entryTime, commission, stopLevel, targetLevel;
    Resolved trailing;
    double extreme;
    bool openedAtOpen;
    int64_t exitAfterBars;
    bool exitPlaced, closed;
  };

  const std::vector<OrderRule>& rules_;
  Settings settings_;
  Step tick_, lot_, money_;
  double balance_;
  std::vector<Lot> allLots_;
  std::vector<int64_t> lots_;  // ids of open lots, in entry order
  std::vector<int64_t> snapshot_;
  // Scratch lists of lot ids, kept to save an allocation per exit.
  std::vector<int64_t> closing_, stillOpen_;
  std::vector<Working> working_;
  // Columns of the rules that would act on a firing bar (fastForward's scratch).
  std::vector<const double*> live_;
  double lastExitBar_ = -INFINITY;
  int64_t bar_ = 0;
  double time_ = 0, open_ = 0, high_ = 0, low_ = 0, close_ = 0;
  double* const* slots_ = nullptr;
  Purpose stopReason_ = Purpose::StopLoss;
  double net_ = 0;
  int64_t armed_ = 0, trailing_ = 0, timed_ = 0;
  double recordedCash_, recordedNet_ = 0;
  std::vector<std::pair<const char*, int32_t>> fixedReasons_;
  int64_t flat_ = 0;

  void record(double* equity);
  void hold(int64_t bars);
  void count(const Lot& lot, int sign);
  void signal(int r);
  std::string prepare(Working& order, const OrderRule& rule);
  Resolved distance(const Distance& d) const;
  Working place(int rule, BrokerAction action, OrderType type, TimeInForce tif, Purpose purpose, int64_t lot);
  void event(size_t ticket, Status status, int32_t reason = -1);
  void finish(Working& order, Status status, const char* fixedReason = nullptr);
  void finish(Working& order, Status status, std::string madeReason);
  int32_t reasonIndex(const char* fixedReason);
  void dropFinished();
  bool buys(const Working& order) const;
  int held() const;
  void fillAtOpen();
  void fillInsideBar();
  void expireDayOrders();
  double slipped(double price, bool buy) const;
  double commission(double quantity, double price) const;
  void execute(Working& order, double rawPrice, bool atOpen);
  double size(const Working& order, double price) const;
  double equityAt(double price) const;
  double buyingPower(double price) const;
  void fill(int64_t orderId, bool buy, double quantity, double price, double commission, Purpose purpose);
  void closeLots(const std::vector<int64_t>& ids, double price, Working& order, Purpose reason);
  Trade trade(const Lot& lot, double price, int64_t bar, double time, double exitCommission, Purpose reason) const;
  double stopOf(const Lot& lot);
  void exitsAtOpen();
  void exitsInsideBar();
  void stopOnEntryBar(int64_t lotId);
  void attachedExit(int64_t lotId, OrderType type, Purpose reason, double price, double level);
  void trail();
  void exitAfterBars();
};

}  // namespace strata
