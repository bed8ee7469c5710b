// The report's numbers: a port of engine-runtime/execution/metrics.ts, same formulas, same order.
#pragma once
#include <cstdint>
#include <vector>

#include "broker.hpp"

namespace strata {

struct Metrics {
  double initialEquity, finalEquity, netProfit, totalReturn, cagr, annualVolatility, sharpe, sortino, calmar, maxDrawdown,
      maxDrawdownBars, trades, winRate, profitFactor, expectancy, averageWin, averageLoss, exposure, longestFlatBars,
      totalCommission, barsPerYear;
};

/** Field names in the order of Metrics, as the TypeScript Metrics interface names them. */
extern const char* const METRIC_NAMES[21];
inline const double* metricValues(const Metrics& m) { return &m.initialEquity; }

/**
 * The first pass over the returns (equity over the bar before, less one), summed in the order of
 * the bars: a batch run adds each chunk while its equity is still in cache.
 */
struct ReturnSums {
  /** The next bar whose return is added; bar 0 has none. */
  int64_t next = 1;
  double sum = 0, downside = 0;
  /** Adds the returns of bars [next, to). */
  void add(const double* equity, int64_t to);
};

/**
 * The metrics of a run the broker recorded: `equity` holds broker.length values, and `sums` the
 * first pass over as many bars as the caller added (the rest is added here).
 */
Metrics computeMetrics(const double* time, const double* equity, double initialEquity, const Broker& broker,
                       ReturnSums sums = {});


}  // namespace strata
