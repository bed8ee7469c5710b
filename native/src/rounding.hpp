// Tick, lot and money rounding, step for step as engine-runtime/execution/rounding.ts does it.
#pragma once
#include <cmath>

#include "jsnum.hpp"

namespace strata {

/** 10^decimals(step), cached per run by the caller: the scale a rounded multiple is rebuilt through. */
inline double scaleOf(double step) {
  int d = jsDecimalsOf(step);
  if (d > 20) d = 20;
  return std::pow(10.0, d);
}

/** value / step with float noise below the 12th significant digit removed. */
inline double stepsIn(double value, double step) {
  double q = value / step;
  if (q == 0 || !std::isfinite(q)) return q;
  double nearest = jsRound(q);
  if (std::fabs(q - nearest) <= 1e-9 * std::fmax(1.0, std::fabs(q))) return nearest;
  double scale = std::pow(10.0, 11 - std::floor(std::log10(std::fabs(q))));
  return jsRound(q * scale) / scale;
}

/** A step with its scale worked out once. */
struct Step {
  double step = 0;
  double scale = 1;
  Step() = default;
  explicit Step(double s) : step(s), scale(s > 0 ? scaleOf(s) : 1) {}
  double fromSteps(double count) const { return jsRound(count * step * scale) / scale; }

  double round(double price) const {
    if (!(step > 0) || !std::isfinite(price)) return price;
    return fromSteps(jsRound(stepsIn(price, step)));
  }
  double ceil(double price) const {
    if (!(step > 0) || !std::isfinite(price)) return price;
    return fromSteps(std::ceil(stepsIn(price, step)));
  }
  double floor(double price) const {
    if (!(step > 0) || !std::isfinite(price)) return price;
    return fromSteps(std::floor(stepsIn(price, step)));
  }
  /** Whole lots only, rounded down. */
  double floorLot(double quantity) const {
    if (!std::isfinite(quantity) || quantity <= 0) return 0;
    if (!(step > 0)) return quantity;
    return fromSteps(std::floor(stepsIn(quantity, step)));
  }
};

}  // namespace strata
