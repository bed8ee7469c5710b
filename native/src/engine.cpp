#include "engine.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include "jsnum.hpp"

namespace strata {

std::unique_ptr<Program> Program::create(const Plan& plan, std::string& error) {
  std::unique_ptr<Program> program(new Program(plan));
  for (size_t k = 0; k < plan.steps.size(); k++) {
    const PlanStep& step = plan.steps[k];
    const OpInfo* info = findOp(step.op);
    if (!info) {
      error = "Step " + std::to_string(k + 1) + " of the plan uses \"" + step.op + "\", which the native engine does not compute.";
      return nullptr;
    }
    Params params(step.params, "Step " + std::to_string(k + 1) + " of the plan (" + step.op + ")");
    std::unique_ptr<Kernel> kernel = info->make(params, step.start);
    if (!params.ok() || !kernel) {
      error = params.ok() ? "Step " + std::to_string(k + 1) + " of the plan could not be set up." : params.error();
      return nullptr;
    }
    program->kernels_.push_back(std::move(kernel));
  }
  program->inputs_.resize(plan.steps.size());
  program->outputs_.resize(plan.steps.size());
  return program;
}

void Program::bind(double* const* columns) {
  for (size_t k = 0; k < plan_.steps.size(); k++) {
    const PlanStep& step = plan_.steps[k];
    inputs_[k].resize(step.inputs.size());
    outputs_[k].resize(step.outputs.size());
    for (size_t c = 0; c < step.inputs.size(); c++) inputs_[k][c] = columns[step.inputs[c]];
    for (size_t c = 0; c < step.outputs.size(); c++) outputs_[k][c] = columns[step.outputs[c]];
  }
}

void Program::run(int64_t from, int64_t to) {
  for (size_t k = 0; k < kernels_.size(); k++) kernels_[k]->run(inputs_[k].data(), outputs_[k].data(), from, to);
}

namespace {

/**
 * Columns kept between runs of the same length on this thread: a fresh column costs a page fault
 * per 4 KiB on first write, which for a million bars outweighs computing most indicators.
 */
class ColumnPool {
 public:
  double* take(int64_t n) {
    if (n != length_) {
      free_.clear();
      length_ = n;
    }
    if (!free_.empty()) {
      std::unique_ptr<double[]> column = std::move(free_.back());
      free_.pop_back();
      taken_.push_back(std::move(column));
    } else {
      taken_.emplace_back(new double[static_cast<size_t>(std::max<int64_t>(n, 1))]);
    }
    return taken_.back().get();
  }
  /** Returns every column taken since the last call (at most 64 are kept). */
  void giveBack() {
    for (auto& column : taken_)
      if (free_.size() < 64) free_.push_back(std::move(column));
    taken_.clear();
  }

 private:
  int64_t length_ = -1;
  std::vector<std::unique_ptr<double[]>> free_, taken_;
};

thread_local ColumnPool pool;

/** The lists of the last result given back on this thread (see recycle), empty but with capacity. */
struct Lists {
  std::vector<Trade> trades;
  std::vector<Fill> fills;
  std::vector<OrderTicket> orders;
  std::vector<OrderEvent> events;
  std::vector<double> holdings;
};
thread_local Lists spare;

template <typename T>
void reuse(std::vector<T>& into, std::vector<T>& from) {
  from.clear();
  if (from.capacity() > into.capacity()) into.swap(from);
}

/** Bars per chunk: steps and the broker walk a chunk while its columns are still in cache. */
constexpr int64_t CHUNK = 2048;
/**
 * Bars per call of a step within a chunk. An indicator's recurrence (EMA, Wilder's smoothing) is
 * bound by the latency of its chain of multiplies, adds and divides; with a few bars per call the
 * CPU runs the next steps' chains while the previous step's are still in flight.
 */
constexpr int64_t BLOCK = 8;

/**
 * Asks for the bars one chunk ahead of a block, two cache lines of each column: while the steps'
 * chains of latencies leave the memory bus idle, the next chunk arrives, instead of stalling the
 * check of that chunk on every line it reads. Into the outer caches (locality 1): the first level
 * is kept for the columns the steps are working on.
 */
inline void prefetchNextChunk(const double* const* bars, int64_t block, int64_t n) {
#if defined(__GNUC__) || defined(__clang__)
  int64_t ahead = block + CHUNK;
  if (ahead >= n) return;
  for (int c = 0; c < 6; c++) {
    __builtin_prefetch(bars[c] + ahead, 0, 1);
    __builtin_prefetch(bars[c] + ahead + 8, 0, 1);
  }
#else
  (void)bars, (void)block, (void)n;
#endif
}

}  // namespace

// The scans accumulate instead of returning at the first bad value, so they vectorise; the bad
// bar is looked for only when there is one. x - x is +0 exactly when x is finite.
bool checkBars(const double* const* bars, int64_t from, int64_t to, std::string& error) {
  static const char* const names[6] = {"time", "open", "high", "low", "close", "volume"};
  for (int c = 0; c < 6; c++) {
    const double* column = bars[c];
    uint64_t bits = 0;
    for (int64_t i = from; i < to; i++) {
      double zero = column[i] - column[i];
      uint64_t word;
      std::memcpy(&word, &zero, sizeof word);
      bits |= word;
    }
    if (bits == 0) continue;
    for (int64_t i = from; i < to; i++) {
      if (!std::isfinite(column[i])) {
        error = "Bar " + std::to_string(i) + " has a missing or non-numeric " + names[c] + " (" + jsNumberText(column[i]) + ").";
        return false;
      }
    }
  }
  const double* time = bars[0];
  bool ordered = true;
  for (int64_t i = std::max<int64_t>(from, 1); i < to; i++) ordered &= time[i] > time[i - 1];
  if (ordered) return true;
  for (int64_t i = std::max<int64_t>(from, 1); i < to; i++) {
    if (!(time[i] > time[i - 1])) {
      error = "The bar at " + jsNumberText(time[i]) + " (bar " + std::to_string(i) + ") is not later than the bar before it at " +
              jsNumberText(time[i - 1]) + ".";
      return false;
    }
  }
  return true;
}

BatchResult runBatch(const Plan& plan, const double* const* bars, int64_t n, const Settings& settings, BatchBuffers& out,
                     bool keepLists) {
  BatchResult result;
  std::unique_ptr<Program> program = Program::create(plan, result.error);
  if (!program) return result;

  std::vector<double*> columns(static_cast<size_t>(plan.slotCount), nullptr);
  for (int s = 0; s < 6; s++) columns[s] = const_cast<double*>(bars[s]);
  // A plotted step output is written straight into the caller's buffer.
  std::vector<bool> direct(out.plots.size(), false);
  for (size_t p = 0; p < plan.plots.size() && p < out.plots.size(); p++) {
    int s = plan.plots[p];
    if (s >= 6 && columns[s] == nullptr && out.plots[p] != nullptr) {
      columns[s] = out.plots[p];
      direct[p] = true;
    }
  }
  std::vector<bool> filled(static_cast<size_t>(plan.slotCount), false);
  for (int s = 0; s < 6; s++) filled[s] = true;
  for (const auto& step : plan.steps)
    for (int s : step.outputs) filled[s] = true;
  for (auto& c : columns)
    if (c == nullptr) c = pool.take(n);
  for (const auto& [slot, value] : plan.constants) {
    std::fill(columns[slot], columns[slot] + n, value);
    filled[slot] = true;
  }
  // A slot that nothing fills holds NaN (an optional input left unconnected).
  for (int s = 0; s < plan.slotCount; s++)
    if (!filled[s]) std::fill(columns[s], columns[s] + n, NAN);
  program->bind(columns.data());

  Broker broker(plan.orders, settings);
  reuse(broker.trades, spare.trades);
  reuse(broker.fills, spare.fills);
  reuse(broker.orders, spare.orders);
  reuse(broker.events, spare.events);
  reuse(broker.holdings, spare.holdings);
  double* const* slots = columns.data();
  ReturnSums sums;
  for (int64_t from = 0; from < n; from += CHUNK) {
    int64_t to = std::min(n, from + CHUNK);
    // Checked chunk by chunk, while the steps are about to read it from cache: a separate scan of
    // every column first would read the whole input from memory once more.
    if (!checkBars(bars, from, to, result.error)) {
      result.badBars = true;
      pool.giveBack();
      return result;
    }
    for (int64_t block = from; block < to; block += BLOCK) {
      prefetchNextChunk(bars, block, n);
      program->run(block, std::min(to, block + BLOCK));
    }
    for (int64_t i = broker.fastForward(slots, from, to, out.equity); i < to; i = broker.fastForward(slots, i + 1, to, out.equity)) {
      broker.step(slots, i, out.equity);
    }
    sums.add(out.equity, to);
  }
  for (size_t p = 0; p < plan.plots.size() && p < out.plots.size(); p++) {
    if (!direct[p] && out.plots[p] != nullptr && n > 0) std::memcpy(out.plots[p], columns[plan.plots[p]], sizeof(double) * n);
  }
  result.metrics = computeMetrics(bars[0], out.equity, settings.initialCash, broker, sums);
  if (keepLists) {
    result.holdings = std::move(broker.holdings);
    result.openTrades = n > 0 ? broker.openTrades(bars[4][n - 1], n - 1, bars[0][n - 1]) : std::vector<Trade>{};
    result.trades = std::move(broker.trades);
    result.fills = std::move(broker.fills);
    result.orders = std::move(broker.orders);
    result.events = std::move(broker.events);
    result.reasons = std::move(broker.reasons);
  } else {
    reuse(spare.trades, broker.trades);
    reuse(spare.fills, broker.fills);
    reuse(spare.orders, broker.orders);
    reuse(spare.events, broker.events);
    reuse(spare.holdings, broker.holdings);
  }
  pool.giveBack();
  result.ok = true;
  return result;
}

void recycle(BatchResult&& result) {
  reuse(spare.trades, result.trades);
  reuse(spare.trades, result.openTrades);
  reuse(spare.fills, result.fills);
  reuse(spare.orders, result.orders);
  reuse(spare.events, result.events);
  reuse(spare.holdings, result.holdings);
}

std::unique_ptr<Stream> Stream::create(const Plan& plan, const Settings& settings, std::string& error) {
  std::unique_ptr<Stream> stream(new Stream(plan, settings));
  stream->program_ = Program::create(stream->plan_, error);
  if (!stream->program_) return nullptr;
  stream->broker_ = std::make_unique<Broker>(stream->plan_.orders, settings);
  stream->columns_.resize(static_cast<size_t>(stream->plan_.slotCount));
  stream->pointers_.resize(static_cast<size_t>(stream->plan_.slotCount));
  stream->grow(1024);
  return stream;
}

void Stream::grow(int64_t capacity) {
  std::vector<bool> filled(static_cast<size_t>(plan_.slotCount), false);
  for (int s = 0; s < 6; s++) filled[s] = true;
  for (const auto& step : plan_.steps)
    for (int s : step.outputs) filled[s] = true;
  for (const auto& [slot, value] : plan_.constants) filled[slot] = true;
  for (int s = 0; s < plan_.slotCount; s++) {
    columns_[s].resize(static_cast<size_t>(capacity), filled[s] ? 0.0 : NAN);
    pointers_[s] = columns_[s].data();
  }
  for (const auto& [slot, value] : plan_.constants) std::fill(columns_[slot].begin(), columns_[slot].end(), value);
  equity_.resize(static_cast<size_t>(capacity));
  program_->bind(pointers_.data());
}

bool Stream::pushBar(const double bar[6], Outcome& outcome, std::string& error) {
  for (int c = 0; c < 6; c++) {
    if (!std::isfinite(bar[c])) {
      error = "The bar at " + jsNumberText(bar[0]) + " has a missing or non-numeric value.";
      return false;
    }
  }
  if (length_ > 0 && !(bar[0] > columns_[0][length_ - 1])) {
    error = "The bar at " + jsNumberText(bar[0]) + " is not later than the previous bar at " + jsNumberText(columns_[0][length_ - 1]) + ".";
    return false;
  }
  if (length_ == static_cast<int64_t>(columns_[0].size())) grow(std::max<int64_t>(16, length_ * 2));
  int64_t i = length_++;
  for (int c = 0; c < 6; c++) columns_[c][i] = bar[c];
  program_->run(i, i + 1);
  outcome.eventsFrom = broker_->events.size();
  outcome.fillsFrom = broker_->fills.size();
  broker_->step(pointers_.data(), i, equity_.data());
  outcome.bar = i;
  outcome.time = bar[0];
  outcome.equity = equity_[i];
  outcome.position = broker_->position();
  return true;
}

std::vector<SweepOutcome> runSweep(const std::vector<Plan>& plans, const double* const* bars, int64_t n,
                                   const Settings& settings, unsigned workers) {
  std::vector<SweepOutcome> outcomes(plans.size());
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(std::max<size_t>(1, plans.size())));
  std::atomic<size_t> next{0};
  auto work = [&]() {
    std::vector<double> equity(static_cast<size_t>(n));
    BatchBuffers buffers;
    buffers.equity = equity.data();
    for (size_t k = next++; k < plans.size(); k = next++) {
      BatchResult result = runBatch(plans[k], bars, n, settings, buffers, false);
      outcomes[k].ok = result.ok;
      outcomes[k].error = std::move(result.error);
      outcomes[k].metrics = result.metrics;
    }
  };
  if (workers == 1) {
    work();
    return outcomes;
  }
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; w++) threads.emplace_back(work);
  for (auto& t : threads) t.join();
  return outcomes;
}

}  // namespace strata
