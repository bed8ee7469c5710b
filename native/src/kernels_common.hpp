// Building blocks shared by several kernels (the TS helpers they port are named on each).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "branchless.hpp"
#include "kernels.hpp"

namespace strata {

constexpr double TALIB_EPSILON = 1e-14;

inline bool isNan(double x) { return x != x; }
/** `x - x === 0`: neither NaN nor infinite (nodes/math/ports.ts isFiniteNumber). */
inline bool isFiniteNumber(double x) { return x - x == 0; }

/** Math.max / Math.min of two numbers: NaN wins, and +0 beats −0 (−0 for min). */
inline double jsMax(double a, double b) {
  if (isNan(a) || isNan(b)) return NaN;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
inline double jsMin(double a, double b) {
  if (isNan(a) || isNan(b)) return NaN;
  if (a == b) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
/** The `**` operator: unlike C's pow, 1 ** NaN and (±1) ** ±Infinity are NaN. */
inline double jsPow(double a, double b) {
  if (isNan(b)) return NaN;
  if (std::isinf(b) && std::fabs(a) == 1) return NaN;
  return std::pow(a, b);
}

/** nodes/indicators/trange: the true range, compared in TA-Lib's order. */
inline double trueRange(double high, double low, double previousClose) {
  double greatest = high - low;
  double fromHigh = std::fabs(previousClose - high);
  if (fromHigh > greatest) greatest = fromHigh;
  double fromLow = std::fabs(previousClose - low);
  if (fromLow > greatest) greatest = fromLow;
  return greatest;
}

/** nodes/indicators/ema createEma. */
class Ema final : public Kernel {
 public:
  Ema(int64_t period, int64_t start) : period_(period), k_(2.0 / (period + 1)), start_(start), seedAt_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < seedAt_; i++) {
      if (i >= start_) seedSum_ += source[i];
      o[i] = NaN;
    }
    if (i == seedAt_ && i < to) {
      ema_ = (seedSum_ + source[i]) / static_cast<double>(period_);
      o[i++] = ema_;
    }
    double value = ema_;
    const double k = k_;
    for (; i < to; i++) {
      value = (source[i] - value) * k + value;
      o[i] = value;
    }
    ema_ = value;
  }

 private:
  int64_t period_;
  double k_;
  int64_t start_, seedAt_;
  double seedSum_ = 0, ema_ = NaN;
};

/** nodes/indicators/apo/moving-average-type createSma: TA-Lib's order (add, read, drop). */
class TalibSma final : public Kernel {
 public:
  TalibSma(int64_t period, int64_t start) : period_(period), start_(start), first_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < first_; i++) {
      if (i >= start_) total_ += source[i];
      o[i] = NaN;
    }
    const double p = static_cast<double>(period_);
    for (; i < to; i++) {
      total_ += source[i];
      double sum = total_;
      total_ -= source[i - period_ + 1];
      o[i] = sum / p;
    }
  }

 private:
  int64_t period_, start_, first_;
  double total_ = 0;
};

/** nodes/indicators/wma createWma. */
class Wma final : public Kernel {
 public:
  Wma(int64_t period, int64_t start) : period_(period), start_(start), first_(start + period - 1) {
    // period·(period + 1)/2, exact in double for every allowed period, as in the TS kernel.
    divider_ = static_cast<double>(period) * static_cast<double>(period + 1) / 2.0;
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < first_; i++) o[i] = NaN;
    if (i == first_ && i < to) {
      weightedSum_ = 0;
      plainSum_ = 0;
      leaving_ = 0;
      double weight = 1;
      for (int64_t j = start_; j < first_; j++, weight++) {
        plainSum_ += source[j];
        weightedSum_ += source[j] * weight;
      }
    }
    const double p = static_cast<double>(period_);
    for (; i < to; i++) {
      double x = source[i];
      plainSum_ += x;
      plainSum_ -= leaving_;
      weightedSum_ += x * p;
      leaving_ = source[i - period_ + 1];
      o[i] = weightedSum_ / divider_;
      weightedSum_ -= plainSum_;
    }
  }

 private:
  int64_t period_, start_, first_;
  double divider_;
  double weightedSum_ = 0, plainSum_ = 0, leaving_ = 0;
};

/** nodes/indicators/dema createDema. */
class Dema final : public Kernel {
 public:
  Dema(int64_t period, int64_t start) : first_(period, start), second_(period, start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* e1 = c1_.reserve(to);
    double* e2 = c2_.reserve(to);
    double* reading[1] = {in[0]};
    double* into[1] = {e1};
    first_.run(reading, into, from, to);
    reading[0] = e1;
    into[0] = e2;
    second_.run(reading, into, from, to);
    double* o = out[0];
    for (int64_t i = from; i < to; i++) o[i] = 2.0 * e1[i] - e2[i];
  }

 private:
  Ema first_, second_;
  Scratch c1_, c2_;
};

/** nodes/indicators/tema createTema. */
class Tema final : public Kernel {
 public:
  Tema(int64_t period, int64_t start)
      : e_{Ema(period, start), Ema(period, start + (period - 1)), Ema(period, start + 2 * (period - 1))} {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* reading[1] = {in[0]};
    double* into[1];
    for (int level = 0; level < 3; level++) {
      into[0] = c_[level].reserve(to);
      e_[level].run(reading, into, from, to);
      reading[0] = into[0];
    }
    double* e1 = c_[0].reserve(to);
    double* e2 = c_[1].reserve(to);
    double* e3 = c_[2].reserve(to);
    double* o = out[0];
    for (int64_t i = from; i < to; i++) o[i] = e3[i] + (3.0 * e1[i] - 3.0 * e2[i]);
  }

 private:
  Ema e_[3];
  Scratch c_[3];
};

/** nodes/indicators/trima createTrima. */
class Trima final : public Kernel {
 public:
  Trima(int64_t period, int64_t start) : period_(period), half_(period >> 1), odd_(period % 2 == 1), start_(start), first_(start + period - 1) {
    factor_ = 1.0 / (odd_ ? static_cast<double>((half_ + 1) * (half_ + 1)) : static_cast<double>(half_ * (half_ + 1)));
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < first_; i++) o[i] = NaN;
    if (i == first_ && i < to) {
      int64_t middle = odd_ ? start_ + half_ : start_ + half_ - 1;
      numerator_ = 0;
      olderHalf_ = 0;
      newerHalf_ = 0;
      for (int64_t j = middle; j >= start_; j--) {
        olderHalf_ += source[j];
        numerator_ += olderHalf_;
      }
      for (int64_t j = middle + 1; j <= first_; j++) {
        newerHalf_ += source[j];
        numerator_ += newerHalf_;
      }
      o[i++] = numerator_ * factor_;
    }
    for (; i < to; i++) {
      numerator_ -= olderHalf_;
      olderHalf_ -= source[i - period_];
      double middleValue = source[i - half_];
      olderHalf_ += middleValue;
      if (odd_) {
        numerator_ += newerHalf_;
        newerHalf_ -= middleValue;
      } else {
        newerHalf_ -= middleValue;
        numerator_ += newerHalf_;
      }
      newerHalf_ += source[i];
      numerator_ += source[i];
      o[i] = numerator_ * factor_;
    }
  }

 private:
  int64_t period_, half_;
  bool odd_;
  int64_t start_, first_;
  double factor_;
  double numerator_ = 0, olderHalf_ = 0, newerHalf_ = 0;
};

/** nodes/indicators/kama createKama. */
class Kama final : public Kernel {
 public:
  Kama(int64_t period, int64_t start) : period_(period), start_(start), first_(start + period) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < first_; i++) o[i] = NaN;
    if (i == first_ && i < to) {
      volatility_ = 0;
      for (int64_t j = start_; j < first_; j++) volatility_ += std::fabs(source[j] - source[j + 1]);
      kama_ = source[i - 1];
      double change = source[i] - source[start_];
      kama_ = (source[i] - kama_) * smoothing(change, volatility_) + kama_;
      o[i++] = kama_;
    }
    for (; i < to; i++) {
      double x = source[i];
      double leaving = source[i - period_];
      volatility_ -= std::fabs(source[i - period_ - 1] - leaving);
      volatility_ += std::fabs(x - source[i - 1]);
      kama_ = (x - kama_) * smoothing(x - leaving, volatility_) + kama_;
      o[i] = kama_;
    }
  }

 private:
  static double smoothing(double change, double volatility) {
    const double slowest = 2.0 / (30.0 + 1.0);
    const double fastestMinusSlowest = 2.0 / (2.0 + 1.0) - slowest;
    double efficiency = volatility <= change || (volatility > -TALIB_EPSILON && volatility < TALIB_EPSILON)
                            ? 1.0
                            : std::fabs(change / volatility);
    double constant = efficiency * fastestMinusSlowest + slowest;
    return constant * constant;
  }
  int64_t period_, start_, first_;
  double kama_ = NaN, volatility_ = 0;
};

/** nodes/indicators/t3 createT3. */
class T3 final : public Kernel {
 public:
  T3(int64_t period, double v, int64_t start) : period_(period), start_(start), first_(start + 6 * (period - 1)) {
    k_ = 2.0 / (static_cast<double>(period) + 1.0);
    oneMinusK_ = 1.0 - k_;
    double v2 = v * v;
    c1_ = -(v2 * v);
    c2_ = 3.0 * (v2 - c1_);
    c3_ = -6.0 * v2 - 3.0 * (v - c1_);
    c4_ = 1.0 + 3.0 * v - c1_ + 3.0 * v2;
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    double* e = e_;
    int64_t i = from;
    for (; i < to && i < first_; i++) o[i] = NaN;
    if (i == first_ && i < to) {
      int64_t at = start_;
      for (int level = 0; level < 6; level++) {
        double sum = level == 0 ? source[at++] : e[level - 1];
        for (int64_t n = period_ - 1; n > 0; n--) {
          if (level == 0) {
            sum += source[at++];
            continue;
          }
          e[0] = k_ * source[at++] + oneMinusK_ * e[0];
          for (int below = 1; below < level; below++) e[below] = k_ * e[below - 1] + oneMinusK_ * e[below];
          sum += e[level - 1];
        }
        e[level] = sum / static_cast<double>(period_);
      }
      o[i++] = c1_ * e[5] + c2_ * e[4] + c3_ * e[3] + c4_ * e[2];
    }
    for (; i < to; i++) {
      double e1 = k_ * source[i] + oneMinusK_ * e[0];
      double e2 = k_ * e1 + oneMinusK_ * e[1];
      double e3 = k_ * e2 + oneMinusK_ * e[2];
      double e4 = k_ * e3 + oneMinusK_ * e[3];
      double e5 = k_ * e4 + oneMinusK_ * e[4];
      double e6 = k_ * e5 + oneMinusK_ * e[5];
      e[0] = e1;
      e[1] = e2;
      e[2] = e3;
      e[3] = e4;
      e[4] = e5;
      e[5] = e6;
      o[i] = c1_ * e6 + c2_ * e5 + c3_ * e4 + c4_ * e3;
    }
  }

 private:
  int64_t period_, start_, first_;
  double k_, oneMinusK_, c1_, c2_, c3_, c4_;
  double e_[6] = {0, 0, 0, 0, 0, 0};
};

/** nodes/indicators/stdDev createStdDev. */
class StdDev final : public Kernel {
 public:
  StdDev(int64_t period, double deviations, int64_t start)
      : period_(period), deviations_(deviations), start_(start), first_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < first_; i++) {
      if (i >= start_) {
        total_ += source[i];
        totalOfSquares_ += source[i] * source[i];
      }
      o[i] = NaN;
    }
    const double p = static_cast<double>(period_);
    for (; i < to; i++) {
      double x = source[i];
      total_ += x;
      totalOfSquares_ += x * x;
      double mean = total_ / p;
      double meanOfSquares = totalOfSquares_ / p;
      double leaving = source[i - period_ + 1];
      total_ -= leaving;
      totalOfSquares_ -= leaving * leaving;
      double variance = meanOfSquares - mean * mean;
      o[i] = variance < TALIB_EPSILON ? 0.0 : std::sqrt(variance) * deviations_;
    }
  }

 private:
  int64_t period_;
  double deviations_;
  int64_t start_, first_;
  double total_ = 0, totalOfSquares_ = 0;
};

enum class MaType { Sma, Ema, Wma, Dema, Tema, Trima, Kama, T3 };
inline const std::vector<const char*>& maTypeNames() {
  static const std::vector<const char*> names = {"sma", "ema", "wma", "dema", "tema", "trima", "kama", "t3"};
  return names;
}
inline int64_t movingAverageWarmup(MaType type, int64_t period) {
  switch (type) {
    case MaType::Dema: return 2 * (period - 1);
    case MaType::Tema: return 3 * (period - 1);
    case MaType::Kama: return period;
    case MaType::T3: return 6 * (period - 1);
    default: return period - 1;
  }
}
inline std::unique_ptr<Kernel> createMovingAverage(MaType type, int64_t period, int64_t start) {
  switch (type) {
    case MaType::Sma: return std::make_unique<TalibSma>(period, start);
    case MaType::Ema: return std::make_unique<Ema>(period, start);
    case MaType::Wma: return std::make_unique<Wma>(period, start);
    case MaType::Dema: return std::make_unique<Dema>(period, start);
    case MaType::Tema: return std::make_unique<Tema>(period, start);
    case MaType::Trima: return std::make_unique<Trima>(period, start);
    case MaType::Kama: return std::make_unique<Kama>(period, start);
    case MaType::T3: return std::make_unique<T3>(period, 0.7, start);
  }
  return nullptr;
}

/** nodes/indicators/atr averageTrueRange: reads a bars input (high 2, low 3, close 4). */
class AverageTrueRange final : public Kernel {
 public:
  AverageTrueRange(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* high = in[2];
    const double* low = in[3];
    const double* close = in[4];
    double* o = out[0];
    const double p = static_cast<double>(period_);
    const double keep = static_cast<double>(period_ - 1);
    double atr = atr_;
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar > period_) {
        atr *= keep;
        atr += trueRange(high[i], low[i], close[i - 1]);
        atr /= p;
        o[i] = atr;
      } else if (bar >= 1) {
        atr += trueRange(high[i], low[i], close[i - 1]);
        if (bar == period_) {
          atr /= p;
          o[i] = atr;
        } else {
          o[i] = NaN;
        }
      } else {
        o[i] = NaN;
      }
    }
    atr_ = atr;
  }

 private:
  int64_t period_, start_;
  double atr_ = 0;
};

/** nodes/indicators/rsi wilderOscillator. */
class WilderOscillator final : public Kernel {
 public:
  WilderOscillator(int64_t period, int64_t start, bool cmo) : period_(period), start_(start), cmo_(cmo) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    const double p = static_cast<double>(period_);
    const double keep = static_cast<double>(period_ - 1);
    double previous = previous_, gain = gain_, loss = loss_;
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 0) {
        o[i] = NaN;
        continue;
      }
      double value = source[i];
      if (bar == 0) {
        previous = value;
        o[i] = NaN;
        continue;
      }
      double change = value - previous;
      previous = value;
      // No branch: whether the close rose is a coin toss. Adding or subtracting the zero part leaves
      // gain and loss exactly as the TypeScript kernel's branch does (a NaN change goes to gain).
      double down = negativePart(change);
      double up = change - down;
      if (bar > period_) {
        loss *= keep;
        gain *= keep;
        loss -= down;
        gain += up;
        loss /= p;
        gain /= p;
      } else {
        loss -= down;
        gain += up;
        if (bar < period_) {
          o[i] = NaN;
          continue;
        }
        loss /= p;
        gain /= p;
      }
      double total = gain + loss;
      if (total > -TALIB_EPSILON && total < TALIB_EPSILON) o[i] = 0;
      else o[i] = cmo_ ? 100 * ((gain - loss) / total) : 100 * (gain / total);
    }
    previous_ = previous;
    gain_ = gain;
    loss_ = loss;
  }

 private:
  int64_t period_, start_;
  bool cmo_;
  double previous_ = 0, gain_ = 0, loss_ = 0;
};

/** nodes/indicators/donchian createChannel: reads a bars input, writes upper, middle, lower. */
class Channel final : public Kernel {
 public:
  Channel(int64_t period, int64_t start) : period_(period), first_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* high = in[2];
    const double* low = in[3];
    double* upper = out[0];
    double* middle = out[1];
    double* lower = out[2];
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        upper[i] = NaN;
        middle[i] = NaN;
        lower[i] = NaN;
        continue;
      }
      int64_t oldest = i - period_ + 1;
      if (highestAt_ < oldest) {
        highestAt_ = oldest;
        highest_ = high[oldest];
        for (int64_t j = oldest + 1; j <= i; j++) {
          if (high[j] > highest_) {
            highestAt_ = j;
            highest_ = high[j];
          }
        }
      } else if (high[i] >= highest_) {
        highestAt_ = i;
        highest_ = high[i];
      }
      if (lowestAt_ < oldest) {
        lowestAt_ = oldest;
        lowest_ = low[oldest];
        for (int64_t j = oldest + 1; j <= i; j++) {
          if (low[j] < lowest_) {
            lowestAt_ = j;
            lowest_ = low[j];
          }
        }
      } else if (low[i] <= lowest_) {
        lowestAt_ = i;
        lowest_ = low[i];
      }
      upper[i] = highest_;
      lower[i] = lowest_;
      middle[i] = (highest_ + lowest_) / 2;
    }
  }

 private:
  int64_t period_, first_;
  int64_t highestAt_ = -1, lowestAt_ = -1;
  double highest_ = NaN, lowest_ = NaN;
};

/** nodes/indicators/stochf/window.ts TrailingExtremes. */
struct TrailingExtremes {
  int64_t highestAt = -1;
  double highest = 0;
  int64_t lowestAt = -1;
  double lowest = 0;
  void update(const double* high, const double* low, int64_t first, int64_t today) {
    if (lowestAt < first) {
      int64_t at = first;
      double l = low[first];
      for (int64_t i = first + 1; i <= today; i++) {
        if (low[i] <= l) {
          at = i;
          l = low[i];
        }
      }
      lowestAt = at;
      lowest = l;
    } else if (low[today] <= lowest) {
      lowestAt = today;
      lowest = low[today];
    }
    if (highestAt < first) {
      int64_t at = first;
      double h = high[first];
      for (int64_t i = first + 1; i <= today; i++) {
        if (high[i] >= h) {
          at = i;
          h = high[i];
        }
      }
      highestAt = at;
      highest = h;
    } else if (high[today] >= highest) {
      highestAt = today;
      highest = high[today];
    }
  }
};

/** nodes/indicators/stochf/window.ts RollingMean. */
class RollingMean {
 public:
  explicit RollingMean(int64_t period) : period_(period), window_(static_cast<size_t>(period), 0.0) {}
  double push(double value) {
    sum_ += value;
    window_[slot_] = value;
    slot_ = slot_ + 1 == period_ ? 0 : slot_ + 1;
    if (count_ < period_) count_++;
    if (count_ < period_) return NaN;
    double mean = sum_ / static_cast<double>(period_);
    sum_ -= window_[slot_];
    return mean;
  }

 private:
  int64_t period_;
  std::vector<double> window_;
  int64_t slot_ = 0, count_ = 0;
  double sum_ = 0;
};

inline double percentK(double close, double highest, double lowest) {
  double onePercent = (highest - lowest) / 100;
  return onePercent != 0 ? (close - lowest) / onePercent : 0;
}

/** nodes/indicators/stochf fastStochastic: reads high 2, low 3, close 4; writes k, d. */
class FastStochastic final : public Kernel {
 public:
  FastStochastic(int64_t kPeriod, int64_t dPeriod, int64_t start)
      : kPeriod_(kPeriod), start_(start), warm_(kPeriod - 1 + dPeriod - 1), d_(dPeriod) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* high = in[2];
    const double* low = in[3];
    const double* close = in[4];
    double* kOut = out[0];
    double* dOut = out[1];
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < kPeriod_ - 1) {
        kOut[i] = dOut[i] = NaN;
        continue;
      }
      window_.update(high, low, i - kPeriod_ + 1, i);
      double k = percentK(close[i], window_.highest, window_.lowest);
      double mean = d_.push(k);
      if (bar < warm_) {
        kOut[i] = dOut[i] = NaN;
      } else {
        kOut[i] = k;
        dOut[i] = mean;
      }
    }
  }

 private:
  int64_t kPeriod_, start_, warm_;
  TrailingExtremes window_;
  RollingMean d_;
};

/** nodes/math/rolling.ts WindowExtreme: a monotonic deque of bar indices. */
class WindowExtreme {
 public:
  WindowExtreme(int64_t period, bool highest) : period_(period), highest_(highest), ring_(static_cast<size_t>(period + 1), 0) {}
  int64_t push(const double* values, int64_t i) {
    const int64_t capacity = static_cast<int64_t>(ring_.size());
    int64_t head = head_, size = size_;
    double v = values[i];
    if (!isNan(v)) {
      int64_t back = head + size - 1;
      if (back >= capacity) back -= capacity;
      if (highest_) {
        while (size > 0 && values[ring_[back]] <= v) {
          size--;
          back = back == 0 ? capacity - 1 : back - 1;
        }
      } else {
        while (size > 0 && values[ring_[back]] >= v) {
          size--;
          back = back == 0 ? capacity - 1 : back - 1;
        }
      }
      int64_t tail = head + size;
      if (tail >= capacity) tail -= capacity;
      ring_[tail] = i;
      size++;
    }
    int64_t oldest = i - period_;
    while (size > 0 && ring_[head] <= oldest) {
      head = head + 1 == capacity ? 0 : head + 1;
      size--;
    }
    head_ = head;
    size_ = size;
    return size > 0 ? ring_[head] : -1;
  }

 private:
  int64_t period_;
  bool highest_;
  std::vector<int64_t> ring_;
  int64_t head_ = 0, size_ = 0;
};

}  // namespace strata
