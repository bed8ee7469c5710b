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

/**
 * 1e-9 of |q|, at least 1e-9: how near a whole number or a half counts as on it. A NaN q gives 1e-9
 * where Math.max gives NaN; either way the distance it is compared with is NaN and the test fails.
 */
inline double noiseOf(double q) {
  double size = std::fabs(q);
  return 1e-9 * (size > 1 ? size : 1.0);
}

/** value / step, or the whole number it is within float noise of. */
inline double stepsIn(double value, double step) {
  double q = value / step;
  double nearest = jsRound(q);
  return std::fabs(q - nearest) <= noiseOf(q) ? nearest : q;
}

/**
 * A quotient that is not a whole number, with float noise below its 12th significant digit removed.
 * Snapping moves it by less than 1e-11 of itself, and stepsIn leaves only quotients further than
 * 1e-9 of themselves from a whole number: so the snap never changes their floor or ceiling, and
 * changes their nearest whole number only within 1e-9 of a half. Only there is it worth its
 * logarithm and power, which cost more than the rest of a fill.
 */
inline double snapped(double q) {
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

  /** roundToTick: the nearest multiple, halves up. */
  double round(double price) const {
    // Zero (most commissions) is on every grid; the arithmetic below would give it back too.
    if (price == 0 || !(step > 0) || !std::isfinite(price)) return price;
    // stepsIn inlined: its whole number is also the count, as Math.round leaves a whole number be.
    double quotient = price / step;
    double count = jsRound(quotient);
    double q = std::fabs(quotient - count) <= noiseOf(quotient) ? count : quotient;
    double fromHalf = std::fabs(std::fabs(q - count) - 0.5);
    if (q == count || !(fromHalf <= noiseOf(q))) return fromSteps(count);
    return fromSteps(jsRound(snapped(q)));
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
