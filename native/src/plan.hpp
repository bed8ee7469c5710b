// The Plan as the native core reads it (engine-runtime/plan/schema.ts and nodes/core/orders.ts),
// checked field by field with sentences that name the step, order rule or field at fault.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "json.hpp"

namespace strata {

enum class Action { EnterLong, EnterShort, ExitLong, ExitShort, ExitAll, Reverse };
enum class OrderType { Market, Limit, Stop, StopLimit };
enum class TimeInForce { Day, Gtc };

struct Distance {
  enum class Mode { None, Percent, Points, Slot } mode = Mode::None;
  double value = 0;
  int slot = -1;
  bool present() const { return mode != Mode::None; }
};

struct Sizing {
  enum class Mode { None, FixedQuantity, FixedCash, PercentOfEquity, RiskPercent } mode = Mode::None;
  /** quantity, cash or percent, by mode. */
  double amount = 0;
};

struct OrderRule {
  Action action = Action::EnterLong;
  int when = 0;
  OrderType orderType = OrderType::Market;
  TimeInForce timeInForce = TimeInForce::Gtc;
  int limitPrice = -1;
  int stopPrice = -1;
  Sizing sizing;
  Distance stopLoss, takeProfit, trailingStop;
  /** 0 when the rule has none. */
  int64_t exitAfterBars = 0;
  int64_t maxOpenPositions = 0;
  int64_t cooldownBars = 0;
};

struct PlanStep {
  std::string op;
  json::Value params;
  std::vector<int> inputs;
  std::vector<int> outputs;
  int64_t start = 0;
  int64_t ready = 0;
};

struct Plan {
  int slotCount = 0;
  std::vector<std::pair<int, double>> constants;
  std::vector<PlanStep> steps;
  std::vector<OrderRule> orders;
  std::vector<int> plots;
  int64_t warmup = 0;
};

/** The most slots a plan may use: far above any drawn strategy, low enough to bound memory. */
constexpr int MAX_SLOTS = 100000;
/** Plan JSON longer than this is refused before parsing. */
constexpr size_t MAX_PLAN_BYTES = 64u << 20;

struct PlanResult {
  bool ok = false;
  /** The plan is well formed but uses an op the native core does not compute: run it elsewhere. */
  bool unsupportedOp = false;
  Plan plan;
  std::string error;
};

/** Reads and checks a plan; every op must be one the native core computes (see kernels.hpp). */
PlanResult readPlan(const std::string& text);
PlanResult readPlan(const json::Value& value);

/** Reads an integer field in [min, max]; on failure writes a sentence naming `where` and `name`. */
bool readInteger(const json::Value& object, const char* name, int64_t min, int64_t max, int64_t& out,
                 const std::string& where, std::string& error, bool required = true);
bool readNumber(const json::Value& object, const char* name, double& out, const std::string& where,
                std::string& error, bool required = true);

}  // namespace strata
