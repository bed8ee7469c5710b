// Running plans: batch backtests over whole columns, streaming sessions one bar at a time, and
// parameter sweeps across threads. No Node headers: the binding and the test driver both use this.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "broker.hpp"
#include "kernels.hpp"
#include "metrics.hpp"
#include "plan.hpp"

namespace strata {

/** A plan made runnable: one fresh kernel per step (a fresh instance is how a kernel resets). */
class Program {
 public:
  /** nullptr with a sentence in `error` when a step's params are invalid. */
  static std::unique_ptr<Program> create(const Plan& plan, std::string& error);
  /** Points every step at `columns` (slotCount pointers); again whenever columns move. */
  void bind(double* const* columns);
  void run(int64_t from, int64_t to);

 private:
  explicit Program(const Plan& plan) : plan_(plan) {}
  const Plan& plan_;
  std::vector<std::unique_ptr<Kernel>> kernels_;
  std::vector<std::vector<double*>> inputs_, outputs_;
};

struct BatchBuffers {
  /** n values, owned by the caller. */
  double* equity = nullptr;
  /** Optional: one buffer per plan plot. */
  std::vector<double*> plots;
};

struct BatchResult {
  bool ok = false;
  /** Not ok because a bar is invalid (`error` names it); otherwise because the plan is. */
  bool badBars = false;
  std::string error;
  Metrics metrics{};
  std::vector<Trade> trades, openTrades;
  std::vector<Fill> fills;
  std::vector<OrderTicket> orders;
  std::vector<OrderEvent> events;
  /** What OrderEvent::reason numbers. */
  std::vector<std::string> reasons;
  /** Rows of (bar, cash, position) at each bar where cash or position changes. */
  std::vector<double> holdings;
};

/**
 * Hands a finished result's lists back to this thread, to be reused by its next runBatch: a list
 * grown from empty every run costs page faults and copies on every doubling, which for a busy
 * strategy cost more than its indicators.
 */
void recycle(BatchResult&& result);

/** bars: time, open, high, low, close, volume, n values each; checked here (see checkBars). */
BatchResult runBatch(const Plan& plan, const double* const* bars, int64_t n, const Settings& settings, BatchBuffers& out,
                     bool keepLists = true);

/** Checks bars [from, to): finite values and times that rise; false with a sentence naming the bar. */
bool checkBars(const double* const* bars, int64_t from, int64_t to, std::string& error);

class Stream {
 public:
  static std::unique_ptr<Stream> create(const Plan& plan, const Settings& settings, std::string& error);

  struct Outcome {
    int64_t bar;
    double time, equity, position;
    size_t eventsFrom, fillsFrom;
  };
  /** Adds one closed bar; false with a sentence when the bar is invalid (nothing changes then). */
  bool pushBar(const double bar[6], Outcome& outcome, std::string& error);
  const Broker& broker() const { return *broker_; }
  int64_t length() const { return length_; }
  const double* column(int slot) const { return columns_[slot].data(); }
  const double* equity() const { return equity_.data(); }
  const Plan& plan() const { return plan_; }
  const Settings& settings() const { return settings_; }

 private:
  Stream(Plan plan, const Settings& settings) : plan_(std::move(plan)), settings_(settings) {}
  void grow(int64_t capacity);
  Plan plan_;
  Settings settings_;
  std::unique_ptr<Program> program_;
  std::unique_ptr<Broker> broker_;
  std::vector<std::vector<double>> columns_;
  std::vector<double*> pointers_;
  std::vector<double> equity_;
  int64_t length_ = 0;
};

struct SweepOutcome {
  bool ok = false;
  std::string error;
  Metrics metrics{};
};

/** Runs every plan over the same bars on `workers` threads (0: the hardware's cores). */
std::vector<SweepOutcome> runSweep(const std::vector<Plan>& plans, const double* const* bars, int64_t n,
                                   const Settings& settings, unsigned workers);

}  // namespace strata
