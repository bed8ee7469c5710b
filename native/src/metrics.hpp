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

/** The metrics of a run the broker recorded: `equity` holds broker.length values. */
Metrics computeMetrics(const double* time, const double* equity, double initialEquity, const Broker& broker);


}  // namespace strata
