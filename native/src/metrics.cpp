#include "metrics.hpp"

#include <algorithm>
#include <cmath>

#include "branchless.hpp"

namespace strata {

const char* const METRIC_NAMES[21] = {"initialEquity", "finalEquity",   "netProfit",     "totalReturn", "cagr",
                                      "annualVolatility", "sharpe",     "sortino",       "calmar",      "maxDrawdown",
                                      "maxDrawdownBars", "trades",      "winRate",       "profitFactor", "expectancy",
                                      "averageWin",    "averageLoss",   "exposure",      "longestFlatBars",
                                      "totalCommission", "barsPerYear"};

static_assert(sizeof(Metrics) == 21 * sizeof(double), "Metrics is read as an array of doubles");

namespace {
constexpr double YEAR_MS = 365.25 * 86400000.0;

constexpr int64_t RETURNS_BLOCK = 256;

/** The returns of bars [from, from + size), each bar's equity over the one before, less one. */
void barReturns(const double* equity, int64_t from, int64_t size, double* out) {
  for (int64_t k = 0; k < size; k++) out[k] = equity[from + k] / equity[from + k - 1] - 1;
}

}  // namespace

void ReturnSums::add(const double* equity, int64_t to) {
  double returns[RETURNS_BLOCK];
  double total = sum, losses = downside;
  for (int64_t from = next; from < to; from += RETURNS_BLOCK) {
    int64_t size = std::min(RETURNS_BLOCK, to - from);
    barReturns(equity, from, size, returns);
    for (int64_t k = 0; k < size; k++) {
      double r = returns[k];
      total += r;
      double loss = negativePart(r);
      losses += loss * loss;
    }
  }
  sum = total;
  downside = losses;
  if (to > next) next = to;
}

namespace {
// Mirrors engine-runtime/execution/metrics.ts summarise: a peak lasts until a close at or above it,
// its drawdown is the fall to its lowest close, and the first of equal drawdowns is reported.
struct Drawdowns {
  double peak = -INFINITY, lowest = INFINITY, largest = 0;
  int64_t peakBar = 0, worstPeakBar = 0;

  void add(double value, int64_t t) {
    if (value >= peak) {
      if (lowest < peak) closePeak();
      peak = value;
      peakBar = t;
      lowest = value;
    } else if (value < lowest) {
      lowest = value;
    }
  }
  void closePeak() {
    double drawdown = peak > 0 ? 1 - lowest / peak : 0;
    if (drawdown > largest) {
      largest = drawdown;
      worstPeakBar = peakBar;
    }
  }
  /** After the last bar: the largest drawdown and the bars from its peak until equity regained it. */
  void finish(const double* equity, int64_t n, double& maxDrawdown, double& maxDrawdownBars) {
    if (lowest < peak) closePeak();
    maxDrawdown = largest;
    if (largest == 0) {
      maxDrawdownBars = 0;
      return;
    }
    int64_t recovery = n - 1;
    for (int64_t t = worstPeakBar + 1; t < n; t++) {
      if (equity[t] >= equity[worstPeakBar]) {
        recovery = t;
        break;
      }
    }
    maxDrawdownBars = static_cast<double>(recovery - worstPeakBar);
  }
};
}  // namespace

Metrics computeMetrics(const double* time, const double* equity, double initialEquity, const Broker& broker, ReturnSums sums) {
  const int64_t n = broker.length;
  const std::vector<Trade>& trades = broker.trades;
  Metrics m{};
  double finalEquity = n > 0 ? equity[n - 1] : initialEquity;
  double years = n > 1 ? (time[n - 1] - time[0]) / YEAR_MS : NAN;
  double barsPerYear = years > 0 ? static_cast<double>(n - 1) / years : NAN;

  // Two passes, as in summarise; the first may have run already, chunk by chunk (see ReturnSums).
  // Each pass works through a block of returns at a time: the divisions are independent, so a
  // block of them runs as vector instructions, and the sums that follow in the order of the bars
  // are left with only their chains of additions.
  int64_t count = n - 1;
  sums.add(equity, n);
  const double sum = sums.sum, downside = sums.downside;
  double mean = count > 0 ? sum / static_cast<double>(count) : NAN;
  // The drawdown scan rides along: its chain of comparisons runs beside the chain of sums.
  double returns[RETURNS_BLOCK];
  double squares = 0;
  Drawdowns drawdowns;
  if (n > 0) drawdowns.add(equity[0], 0);
  for (int64_t from = 1; from < n; from += RETURNS_BLOCK) {
    int64_t size = std::min(RETURNS_BLOCK, n - from);
    barReturns(equity, from, size, returns);
    for (int64_t k = 0; k < size; k++) {
      double delta = returns[k] - mean;
      squares += delta * delta;
      drawdowns.add(equity[from + k], from + k);
    }
  }
  double deviation = count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : NAN;
  double downsideDeviation = count > 0 ? std::sqrt(downside / static_cast<double>(count)) : NAN;
  double annual = std::sqrt(barsPerYear);

  double maxDrawdown, maxDrawdownBars;
  drawdowns.finish(equity, n, maxDrawdown, maxDrawdownBars);
  double growth = finalEquity / initialEquity;
  double cagr = years > 0 ? (growth > 0 ? std::pow(growth, 1 / years) - 1 : -1) : NAN;

  double wins = 0, losses = 0, grossProfit = 0, grossLoss = 0;
  for (const auto& trade : trades) {
    if (trade.pnl > 0) {
      wins++;
      grossProfit += trade.pnl;
    } else if (trade.pnl < 0) {
      losses++;
      grossLoss += trade.pnl;
    }
  }
  double totalCommission = 0;
  for (const auto& fill : broker.fills) totalCommission += fill.commission;
  double tradeCount = static_cast<double>(trades.size());

  m.initialEquity = initialEquity;
  m.finalEquity = finalEquity;
  m.netProfit = finalEquity - initialEquity;
  m.totalReturn = growth - 1;
  m.cagr = cagr;
  m.annualVolatility = deviation * annual;
  m.sharpe = deviation > 0 ? (mean / deviation) * annual : NAN;
  m.sortino = downsideDeviation > 0 ? (mean / downsideDeviation) * annual : NAN;
  m.calmar = maxDrawdown > 0 ? cagr / maxDrawdown : NAN;
  m.maxDrawdown = maxDrawdown;
  m.maxDrawdownBars = maxDrawdownBars;
  m.trades = tradeCount;
  m.winRate = trades.empty() ? NAN : wins / tradeCount;
  m.profitFactor = grossLoss < 0 ? grossProfit / -grossLoss : grossProfit > 0 ? INFINITY : NAN;
  m.expectancy = trades.empty() ? NAN : (grossProfit + grossLoss) / tradeCount;
  m.averageWin = wins > 0 ? grossProfit / wins : NAN;
  m.averageLoss = losses > 0 ? grossLoss / losses : NAN;
  m.exposure = n > 0 ? static_cast<double>(broker.exposedBars) / static_cast<double>(n) : NAN;
  m.longestFlatBars = static_cast<double>(broker.longestFlat);
  m.totalCommission = totalCommission;
  m.barsPerYear = barsPerYear;
  return m;
}

}  // namespace strata
