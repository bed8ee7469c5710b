// Indicator kernels: ports of nodes/indicators/<name>/<name>.node.ts.
#include <algorithm>

#include "kernels_basic.hpp"
#include "kernels_common.hpp"

namespace strata {
namespace {

using K = std::unique_ptr<Kernel>;
const int64_t MAX_PERIOD = 100000;

/** The SMA node: a running sum, the oldest value dropped before the newest is read. */
class Sma final : public Kernel {
 public:
  Sma(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    const double p = static_cast<double>(period_);
    double sum = sum_;
    int64_t i = from;
    for (; i < to && i < start_; i++) o[i] = NaN;
    const int64_t full = start_ + period_;
    for (; i < to && i < full; i++) {
      sum += source[i];
      o[i] = i - start_ >= period_ - 1 ? sum / p : NaN;
    }
    for (; i < to; i++) {
      sum += source[i];
      sum -= source[i - period_];
      o[i] = sum / p;
    }
    sum_ = sum;
  }

 private:
  int64_t period_, start_;
  double sum_ = 0;
};

/** nodes/indicators/rma createRma. */
class Rma final : public Kernel {
 public:
  Rma(int64_t period, int64_t start) : period_(period), start_(start), seedAt_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < seedAt_; i++) {
      if (i >= start_) seedSum_ += source[i];
      o[i] = NaN;
    }
    const double p = static_cast<double>(period_);
    if (i == seedAt_ && i < to) {
      rma_ = (seedSum_ + source[i]) / p;
      o[i++] = rma_;
    }
    double value = rma_;
    const double keep = static_cast<double>(period_ - 1);
    for (; i < to; i++) {
      value *= keep;
      value += source[i];
      value /= p;
      o[i] = value;
    }
    rma_ = value;
  }

 private:
  int64_t period_, start_, seedAt_;
  double seedSum_ = 0, rma_ = NaN;
};

/** Bollinger Bands over an SMA in one pass (nodes/indicators/bbands createSmaBands). */
class SmaBands final : public Kernel {
 public:
  SmaBands(int64_t period, double up, double down, int64_t start)
      : period_(period), up_(up), down_(down), start_(start), first_(start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* upper = out[0];
    double* middle = out[1];
    double* lower = out[2];
    int64_t i = from;
    for (; i < to && i < first_; i++) {
      if (i >= start_) {
        total_ += source[i];
        totalOfSquares_ += source[i] * source[i];
      }
      upper[i] = NaN;
      middle[i] = NaN;
      lower[i] = NaN;
    }
    double sum = total_, sumOfSquares = totalOfSquares_;
    const double p = static_cast<double>(period_);
    for (; i < to; i++) {
      double x = source[i];
      double leaving = source[i - period_ + 1];
      sum += x;
      double mean = sum / p;
      sum -= leaving;
      sumOfSquares += x * x;
      double variance = sumOfSquares / p;
      sumOfSquares -= leaving * leaving;
      variance -= mean * mean;
      double deviation = variance < TALIB_EPSILON ? 0.0 : std::sqrt(variance);
      middle[i] = mean;
      upper[i] = mean + deviation * up_;
      lower[i] = mean - deviation * down_;
    }
    total_ = sum;
    totalOfSquares_ = sumOfSquares;
  }

 private:
  int64_t period_;
  double up_, down_;
  int64_t start_, first_;
  double total_ = 0, totalOfSquares_ = 0;
};

/** Bollinger Bands around another moving average (nodes/indicators/bbands createBands). */
class Bands final : public Kernel {
 public:
  Bands(MaType type, int64_t period, double up, double down, int64_t start)
      : up_(up),
        down_(down),
        average_(createMovingAverage(type, period, start)),
        spread_(period, 1, start + movingAverageWarmup(type, period) - (period - 1)),
        first_(start + movingAverageWarmup(type, period)) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* mean = meanColumn_.reserve(to);
    double* deviation = spreadColumn_.reserve(to);
    double* into[1] = {mean};
    average_->run(in, into, from, to);
    into[0] = deviation;
    spread_.run(in, into, from, to);
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        out[0][i] = NaN;
        out[1][i] = NaN;
        out[2][i] = NaN;
        continue;
      }
      out[1][i] = mean[i];
      out[0][i] = mean[i] + deviation[i] * up_;
      out[2][i] = mean[i] - deviation[i] * down_;
    }
  }

 private:
  double up_, down_;
  std::unique_ptr<Kernel> average_;
  StdDev spread_;
  int64_t first_;
  Scratch meanColumn_, spreadColumn_;
};

class TrueRangeKernel final : public Kernel {
 public:
  explicit TrueRangeKernel(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) out[0][i] = i > start_ ? trueRange(in[2][i], in[3][i], in[4][i - 1]) : NaN;
  }

 private:
  int64_t start_;
};

/** nodes/indicators/macd. */
class Macd final : public Kernel {
 public:
  Macd(int64_t fastLength, int64_t slowLength, int64_t signalPeriod, int64_t start)
      : lineStart_(start + slowLength - 1),
        fast_(fastLength, start + slowLength - 1 - (fastLength - 1)),
        slow_(slowLength, start),
        signal_(signalPeriod, start + slowLength - 1),
        first_(start + slowLength - 1 + signalPeriod - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* fastEma = fastColumn_.reserve(to);
    double* slowEma = slowColumn_.reserve(to);
    double* line = lineColumn_.reserve(to);
    double* signalLine = signalColumn_.reserve(to);
    double* reading[1] = {in[0]};
    double* into[1] = {fastEma};
    fast_.run(reading, into, from, to);
    into[0] = slowEma;
    slow_.run(reading, into, from, to);
    for (int64_t i = from; i < to; i++) line[i] = fastEma[i] - slowEma[i];
    reading[0] = line;
    into[0] = signalLine;
    signal_.run(reading, into, from, to);
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        out[0][i] = out[1][i] = out[2][i] = NaN;
        continue;
      }
      out[0][i] = line[i];
      out[1][i] = signalLine[i];
      out[2][i] = line[i] - signalLine[i];
    }
  }

 private:
  int64_t lineStart_;
  Ema fast_, slow_, signal_;
  int64_t first_;
  Scratch fastColumn_, slowColumn_, lineColumn_, signalColumn_;
};

/** APO and PPO (nodes/indicators/apo createPriceOscillator). */
class PriceOscillator final : public Kernel {
 public:
  PriceOscillator(MaType type, int64_t fastLength, int64_t slowLength, int64_t start, bool percent)
      : fast_(createMovingAverage(type, fastLength, start)),
        slow_(createMovingAverage(type, slowLength, start)),
        first_(start + movingAverageWarmup(type, slowLength)),
        percent_(percent) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* fastMa = fastColumn_.reserve(to);
    double* slowMa = slowColumn_.reserve(to);
    double* into[1] = {fastMa};
    fast_->run(in, into, from, to);
    into[0] = slowMa;
    slow_->run(in, into, from, to);
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        out[0][i] = NaN;
      } else if (!percent_) {
        out[0][i] = fastMa[i] - slowMa[i];
      } else {
        double base = slowMa[i];
        out[0][i] = base > -TALIB_EPSILON && base < TALIB_EPSILON ? 0.0 : ((fastMa[i] - base) / base) * 100.0;
      }
    }
  }

 private:
  std::unique_ptr<Kernel> fast_, slow_;
  int64_t first_;
  bool percent_;
  Scratch fastColumn_, slowColumn_;
};

class MovingAverageKernel final : public Kernel {
 public:
  explicit MovingAverageKernel(std::unique_ptr<Kernel> inner) : inner_(std::move(inner)) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override { inner_->run(in, out, from, to); }

 private:
  std::unique_ptr<Kernel> inner_;
};

class Mom final : public Kernel {
 public:
  Mom(int64_t period, int64_t start, bool roc) : period_(period), start_(start), roc_(roc) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    for (int64_t i = from; i < to; i++) {
      if (i - start_ < period_) {
        out[0][i] = NaN;
        continue;
      }
      if (!roc_) {
        out[0][i] = source[i] - source[i - period_];
      } else {
        double then = source[i - period_];
        out[0][i] = then != 0 ? (source[i] / then - 1) * 100 : 0;
      }
    }
  }

 private:
  int64_t period_, start_;
  bool roc_;
};

class Trix final : public Kernel {
 public:
  Trix(int64_t period, int64_t start)
      : e_{Ema(period, start), Ema(period, start + (period - 1)), Ema(period, start + 2 * (period - 1))},
        first_(start + 3 * (period - 1) + 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* reading[1] = {in[0]};
    double* into[1];
    for (int level = 0; level < 3; level++) {
      into[0] = c_[level].reserve(to);
      e_[level].run(reading, into, from, to);
      reading[0] = into[0];
    }
    const double* smoothed = reading[0];
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        out[0][i] = NaN;
        continue;
      }
      double previous = smoothed[i - 1];
      out[0][i] = previous != 0.0 ? (smoothed[i] / previous - 1.0) * 100.0 : 0.0;
    }
  }

 private:
  Ema e_[3];
  Scratch c_[3];
  int64_t first_;
};

class Hma final : public Kernel {
 public:
  Hma(int64_t period, int64_t start)
      : fast_(period / 2, start),
        slow_(period, start),
        smooth_(static_cast<int64_t>(std::floor(std::sqrt(static_cast<double>(period)))), start + period - 1) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* fastWma = fastColumn_.reserve(to);
    double* slowWma = slowColumn_.reserve(to);
    double* raw = rawColumn_.reserve(to);
    double* reading[1] = {in[0]};
    double* into[1] = {fastWma};
    fast_.run(reading, into, from, to);
    into[0] = slowWma;
    slow_.run(reading, into, from, to);
    for (int64_t i = from; i < to; i++) raw[i] = 2 * fastWma[i] - slowWma[i];
    reading[0] = raw;
    smooth_.run(reading, out, from, to);
  }

 private:
  Wma fast_, slow_, smooth_;
  Scratch fastColumn_, slowColumn_, rawColumn_;
};

class Natr final : public Kernel {
 public:
  Natr(int64_t period, int64_t start) : atr_(period, start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    atr_.run(in, out, from, to);
    const double* close = in[4];
    double* o = out[0];
    for (int64_t i = from; i < to; i++) {
      double price = close[i];
      if (price > -TALIB_EPSILON && price < TALIB_EPSILON && !isNan(o[i])) o[i] = 0;
      else o[i] = (o[i] / price) * 100;
    }
  }

 private:
  AverageTrueRange atr_;
};

class Obv final : public Kernel {
 public:
  explicit Obv(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* close = in[4];
    const double* volume = in[5];
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = NaN;
        continue;
      }
      if (i == start_) total_ = volume[i];
      else if (close[i] > close[i - 1]) total_ += volume[i];
      else if (close[i] < close[i - 1]) total_ -= volume[i];
      out[0][i] = total_;
    }
  }

 private:
  int64_t start_;
  double total_ = 0;
};

inline double moneyFlowVolume(double high, double low, double close, double volume) {
  double range = high - low;
  return range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
}

class Ad final : public Kernel {
 public:
  explicit Ad(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = NaN;
        continue;
      }
      total_ += moneyFlowVolume(in[2][i], in[3][i], in[4][i], in[5][i]);
      out[0][i] = total_;
    }
  }

 private:
  int64_t start_;
  double total_ = 0;
};

class Adosc final : public Kernel {
 public:
  Adosc(int64_t fastPeriod, int64_t slowPeriod, int64_t start)
      : start_(start), warm_(std::max(fastPeriod, slowPeriod) - 1) {
    fastK_ = 2.0 / static_cast<double>(fastPeriod + 1);
    slowK_ = 2.0 / static_cast<double>(slowPeriod + 1);
    fastKeep_ = 1 - fastK_;
    slowKeep_ = 1 - slowK_;
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 0) {
        out[0][i] = NaN;
        continue;
      }
      line_ += moneyFlowVolume(in[2][i], in[3][i], in[4][i], in[5][i]);
      if (bar == 0) {
        fast_ = slow_ = line_;
      } else {
        fast_ = fastK_ * line_ + fastKeep_ * fast_;
        slow_ = slowK_ * line_ + slowKeep_ * slow_;
      }
      out[0][i] = bar >= warm_ ? fast_ - slow_ : NaN;
    }
  }

 private:
  int64_t start_, warm_;
  double fastK_, slowK_, fastKeep_, slowKeep_;
  double line_ = 0, fast_ = 0, slow_ = 0;
};

class Cmf final : public Kernel {
 public:
  Cmf(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3], *close = in[4], *volume = in[5];
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 0) {
        out[0][i] = NaN;
        continue;
      }
      flowSum_ += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
      volumeSum_ += volume[i];
      if (bar >= period_) {
        int64_t old = i - period_;
        flowSum_ -= moneyFlowVolume(high[old], low[old], close[old], volume[old]);
        volumeSum_ -= volume[old];
      }
      if (bar < period_ - 1) out[0][i] = NaN;
      else out[0][i] = volumeSum_ != 0 ? flowSum_ / volumeSum_ : 0;
    }
  }

 private:
  int64_t period_, start_;
  double flowSum_ = 0, volumeSum_ = 0;
};

/** Aroon (up, down) and the Aroon oscillator. */
class Aroon final : public Kernel {
 public:
  Aroon(int64_t period, int64_t start, bool oscillator)
      : period_(period), start_(start), oscillator_(oscillator), factor_(100.0 / static_cast<double>(period)) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i - start_ < period_) {
        out[0][i] = NaN;
        if (!oscillator_) out[1][i] = NaN;
        continue;
      }
      window_.update(in[2], in[3], i - period_, i);
      if (oscillator_) {
        out[0][i] = factor_ * static_cast<double>(window_.highestAt - window_.lowestAt);
      } else {
        out[0][i] = factor_ * static_cast<double>(period_ - (i - window_.highestAt));
        out[1][i] = factor_ * static_cast<double>(period_ - (i - window_.lowestAt));
      }
    }
  }

 private:
  int64_t period_, start_;
  bool oscillator_;
  double factor_;
  TrailingExtremes window_;
};

class Willr final : public Kernel {
 public:
  Willr(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i - start_ < period_ - 1) {
        out[0][i] = NaN;
        continue;
      }
      window_.update(in[2], in[3], i - period_ + 1, i);
      double minusOnePercent = (window_.highest - window_.lowest) / -100;
      out[0][i] = minusOnePercent != 0 ? (window_.highest - in[4][i]) / minusOnePercent : 0;
    }
  }

 private:
  int64_t period_, start_;
  TrailingExtremes window_;
};

class LinearRegression final : public Kernel {
 public:
  LinearRegression(int64_t period, int64_t start, bool slope) : period_(period), first_(start + period - 1), slope_(slope) {
    double p = static_cast<double>(period);
    sumX_ = p * (p - 1) * 0.5;
    sumXSquared_ = (p * (p - 1) * (2 * p - 1)) / 6;
    divisor_ = sumX_ * sumX_ - p * sumXSquared_;
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    const double p = static_cast<double>(period_);
    for (int64_t t = from; t < to; t++) {
      if (t < first_) {
        out[0][t] = NaN;
        continue;
      }
      double sumXY = 0, sumY = 0;
      for (int64_t i = period_; i-- != 0;) {
        double y = source[t - i];
        sumY += y;
        sumXY += static_cast<double>(i) * y;
      }
      double slope = (p * sumXY - sumX_ * sumY) / divisor_;
      out[0][t] = slope_ ? slope : (sumY - slope * sumX_) / p + slope * (p - 1);
    }
  }

 private:
  int64_t period_, first_;
  bool slope_;
  double sumX_, sumXSquared_, divisor_;
};

class HeikinAshi final : public Kernel {
 public:
  explicit HeikinAshi(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *open = in[1], *high = in[2], *low = in[3], *close = in[4];
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = out[1][i] = out[2][i] = out[3][i] = NaN;
        continue;
      }
      double o = i == start_ ? (open[i] + close[i]) / 2 : (previousOpen_ + previousClose_) / 2;
      double c = (open[i] + high[i] + low[i] + close[i]) / 4;
      out[0][i] = o;
      out[3][i] = c;
      out[1][i] = jsMax(jsMax(high[i], o), c);
      out[2][i] = jsMin(jsMin(low[i], o), c);
      previousOpen_ = o;
      previousClose_ = c;
    }
  }

 private:
  int64_t start_;
  double previousOpen_ = NaN, previousClose_ = NaN;
};

class Adx final : public Kernel {
 public:
  Adx(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3], *close = in[4];
    double *adxOut = out[0], *plusOut = out[1], *minusOut = out[2];
    const double p = static_cast<double>(period_);
    auto isZero = [](double v) { return v > -TALIB_EPSILON && v < TALIB_EPSILON; };
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 1) {
        adxOut[i] = plusOut[i] = minusOut[i] = NaN;
        continue;
      }
      double up = high[i] - high[i - 1];
      double down = low[i - 1] - low[i];
      double tr = trueRange(high[i], low[i], close[i - 1]);
      if (bar < period_) {
        if (down > 0 && up < down) minusDm_ += down;
        else if (up > 0 && up > down) plusDm_ += up;
        range_ += tr;
        adxOut[i] = plusOut[i] = minusOut[i] = NaN;
        continue;
      }
      minusDm_ -= minusDm_ / p;
      plusDm_ -= plusDm_ / p;
      if (down > 0 && up < down) minusDm_ += down;
      else if (up > 0 && up > down) plusDm_ += up;
      range_ = range_ - range_ / p + tr;
      double dx = NaN;
      if (isZero(range_)) {
        plusOut[i] = minusOut[i] = 0;
      } else {
        double minusDi = 100 * (minusDm_ / range_);
        double plusDi = 100 * (plusDm_ / range_);
        plusOut[i] = plusDi;
        minusOut[i] = minusDi;
        double sum = minusDi + plusDi;
        if (!isZero(sum)) dx = 100 * (std::fabs(minusDi - plusDi) / sum);
      }
      if (bar < 2 * period_ - 1) {
        if (!isNan(dx)) sumDx_ += dx;
        adxOut[i] = NaN;
      } else if (bar == 2 * period_ - 1) {
        if (!isNan(dx)) sumDx_ += dx;
        average_ = sumDx_ / p;
        adxOut[i] = average_;
      } else {
        if (!isNan(dx)) average_ = (average_ * (p - 1) + dx) / p;
        adxOut[i] = average_;
      }
    }
  }

 private:
  int64_t period_, start_;
  double plusDm_ = 0, minusDm_ = 0, range_ = 0, sumDx_ = 0, average_ = 0;
};

class Ultosc final : public Kernel {
 public:
  Ultosc(int64_t a, int64_t b, int64_t c, int64_t start) : start_(start) {
    int64_t periods[3] = {a, b, c};
    std::sort(periods, periods + 3);
    p1_ = periods[0];
    p2_ = periods[1];
    p3_ = periods[2];
  }
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3], *close = in[4];
    auto pressureAt = [&](int64_t t) { return close[t] - jsMin(low[t], close[t - 1]); };
    auto isZero = [](double v) { return v > -TALIB_EPSILON && v < TALIB_EPSILON; };
    const int64_t first = p3_;
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 1) {
        out[0][i] = NaN;
        continue;
      }
      double previousClose = close[i - 1];
      double pressure = close[i] - jsMin(low[i], previousClose);
      double range = trueRange(high[i], low[i], previousClose);
      if (bar < first) {
        if (bar > first - p1_) {
          pr1_ += pressure;
          r1_ += range;
        }
        if (bar > first - p2_) {
          pr2_ += pressure;
          r2_ += range;
        }
        if (bar > first - p3_) {
          pr3_ += pressure;
          r3_ += range;
        }
        out[0][i] = NaN;
        continue;
      }
      pr1_ += pressure;
      pr2_ += pressure;
      pr3_ += pressure;
      r1_ += range;
      r2_ += range;
      r3_ += range;
      double sum = 0;
      if (!isZero(r1_)) sum += 4 * (pr1_ / r1_);
      if (!isZero(r2_)) sum += 2 * (pr2_ / r2_);
      if (!isZero(r3_)) sum += pr3_ / r3_;
      out[0][i] = 100 * (sum / 7);
      int64_t t = i - p1_ + 1;
      pr1_ -= pressureAt(t);
      r1_ -= trueRange(high[t], low[t], close[t - 1]);
      t = i - p2_ + 1;
      pr2_ -= pressureAt(t);
      r2_ -= trueRange(high[t], low[t], close[t - 1]);
      t = i - p3_ + 1;
      pr3_ -= pressureAt(t);
      r3_ -= trueRange(high[t], low[t], close[t - 1]);
    }
  }

 private:
  int64_t start_, p1_, p2_, p3_;
  double pr1_ = 0, pr2_ = 0, pr3_ = 0, r1_ = 0, r2_ = 0, r3_ = 0;
};

class Ichimoku final : public Kernel {
 public:
  Ichimoku(int64_t tenkan, int64_t kijun, int64_t spanB, int64_t displacement, int64_t start)
      : channels_{Channel(tenkan, start), Channel(kijun, start), Channel(spanB, start)},
        displacement_(displacement),
        first_(start + std::max({tenkan, kijun, spanB}) - 1 + displacement) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* into[3];
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 3; k++) into[k] = columns_[c][k].reserve(to);
      channels_[c].run(in, into, from, to);
    }
    const double* tenkan = columns_[0][1].reserve(to);
    const double* kijun = columns_[1][1].reserve(to);
    const double* spanB = columns_[2][1].reserve(to);
    const double* close = in[4];
    for (int64_t i = from; i < to; i++) {
      if (i < first_) {
        for (int k = 0; k < 5; k++) out[k][i] = NaN;
        continue;
      }
      int64_t drawnFrom = i - displacement_;
      out[0][i] = tenkan[i];
      out[1][i] = kijun[i];
      out[2][i] = (tenkan[drawnFrom] + kijun[drawnFrom]) / 2;
      out[3][i] = spanB[drawnFrom];
      out[4][i] = close[i];
    }
  }

 private:
  Channel channels_[3];
  Scratch columns_[3][3];
  int64_t displacement_, first_;
};

class Sar final : public Kernel {
 public:
  Sar(double acceleration, double maximum, int64_t start)
      : step_(jsMin(acceleration, maximum)), maximum_(maximum), start_(start), factor_(step_) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3];
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 1) {
        out[0][i] = NaN;
        continue;
      }
      double newHigh = high[i], newLow = low[i];
      double previousHigh = high[i - 1], previousLow = low[i - 1];
      if (bar == 1) {
        double fall = previousLow - newLow;
        long_ = !(fall > 0 && newHigh - previousHigh < fall);
        factor_ = step_;
        extreme_ = long_ ? newHigh : newLow;
        stop_ = long_ ? previousLow : previousHigh;
        previousHigh = newHigh;
        previousLow = newLow;
      }
      if (long_) {
        if (newLow <= stop_) {
          long_ = false;
          stop_ = extreme_;
          if (stop_ < previousHigh) stop_ = previousHigh;
          if (stop_ < newHigh) stop_ = newHigh;
          out[0][i] = stop_;
          factor_ = step_;
          extreme_ = newLow;
          stop_ = stop_ + factor_ * (extreme_ - stop_);
          if (stop_ < previousHigh) stop_ = previousHigh;
          if (stop_ < newHigh) stop_ = newHigh;
        } else {
          out[0][i] = stop_;
          if (newHigh > extreme_) {
            extreme_ = newHigh;
            factor_ += step_;
            if (factor_ > maximum_) factor_ = maximum_;
          }
          stop_ = stop_ + factor_ * (extreme_ - stop_);
          if (stop_ > previousLow) stop_ = previousLow;
          if (stop_ > newLow) stop_ = newLow;
        }
      } else if (newHigh >= stop_) {
        long_ = true;
        stop_ = extreme_;
        if (stop_ > previousLow) stop_ = previousLow;
        if (stop_ > newLow) stop_ = newLow;
        out[0][i] = stop_;
        factor_ = step_;
        extreme_ = newHigh;
        stop_ = stop_ + factor_ * (extreme_ - stop_);
        if (stop_ > previousLow) stop_ = previousLow;
        if (stop_ > newLow) stop_ = newLow;
      } else {
        out[0][i] = stop_;
        if (newLow < extreme_) {
          extreme_ = newLow;
          factor_ += step_;
          if (factor_ > maximum_) factor_ = maximum_;
        }
        stop_ = stop_ + factor_ * (extreme_ - stop_);
        if (stop_ < previousHigh) stop_ = previousHigh;
        if (stop_ < newHigh) stop_ = newHigh;
      }
    }
  }

 private:
  double step_, maximum_;
  int64_t start_;
  bool long_ = true;
  double factor_, extreme_ = 0, stop_ = 0;
};

class SuperTrend final : public Kernel {
 public:
  SuperTrend(int64_t atrPeriod, double multiplier, int64_t start) : atr_(atrPeriod, start), multiplier_(multiplier) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    atr_.run(in, out, from, to);
    const double *high = in[2], *low = in[3], *close = in[4];
    double *value = out[0], *direction = out[1];
    for (int64_t i = from; i < to; i++) {
      double range = value[i];
      if (isNan(range)) {
        direction[i] = NaN;
        continue;
      }
      double middle = (high[i] + low[i]) / 2;
      double basicUpper = middle + multiplier_ * range;
      double basicLower = middle - multiplier_ * range;
      if (!started_) {
        started_ = true;
        upper_ = basicUpper;
        lower_ = basicLower;
        up_ = false;
      } else {
        double previousClose = close[i - 1];
        if (basicLower > lower_ || previousClose < lower_) lower_ = basicLower;
        if (basicUpper < upper_ || previousClose > upper_) upper_ = basicUpper;
        up_ = up_ ? !(close[i] < lower_) : close[i] > upper_;
      }
      value[i] = up_ ? lower_ : upper_;
      direction[i] = up_ ? 1 : -1;
    }
  }

 private:
  AverageTrueRange atr_;
  double multiplier_;
  double upper_ = 0, lower_ = 0;
  bool up_ = false, started_ = false;
};

class Keltner final : public Kernel {
 public:
  Keltner(int64_t period, int64_t atrPeriod, double multiplier, int64_t start)
      : ema_(period, start), atr_(atrPeriod, start), multiplier_(multiplier) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double *upper = out[0], *middle = out[1], *lower = out[2];
    double* closeOnly[1] = {in[4]};
    double* middleOnly[1] = {middle};
    double* upperOnly[1] = {upper};
    ema_.run(closeOnly, middleOnly, from, to);
    atr_.run(in, upperOnly, from, to);
    for (int64_t i = from; i < to; i++) {
      double width = multiplier_ * upper[i];
      upper[i] = middle[i] + width;
      lower[i] = middle[i] - width;
      if (isNan(upper[i])) middle[i] = NaN;
    }
  }

 private:
  Ema ema_;
  AverageTrueRange atr_;
  double multiplier_;
};

class Stoch final : public Kernel {
 public:
  Stoch(int64_t fastK, int64_t slowK, int64_t slowD, int64_t start)
      : fastK_(fastK), slowKPeriod_(slowK), start_(start), warm_(fastK - 1 + slowK - 1 + slowD - 1), slowK_(slowK), slowD_(slowD) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < fastK_ - 1) {
        out[0][i] = out[1][i] = NaN;
        continue;
      }
      window_.update(in[2], in[3], i - fastK_ + 1, i);
      double k = slowK_.push(percentK(in[4][i], window_.highest, window_.lowest));
      double d = bar >= fastK_ - 1 + slowKPeriod_ - 1 ? slowD_.push(k) : NaN;
      if (bar < warm_) {
        out[0][i] = out[1][i] = NaN;
      } else {
        out[0][i] = k;
        out[1][i] = d;
      }
    }
  }

 private:
  int64_t fastK_, slowKPeriod_, start_, warm_;
  TrailingExtremes window_;
  RollingMean slowK_, slowD_;
};

class StochRsi final : public Kernel {
 public:
  StochRsi(int64_t period, int64_t kPeriod, int64_t dPeriod, int64_t start)
      : rsi_(period, start, false), stochastic_(kPeriod, dPeriod, start + period) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* column = rsiColumn_.reserve(to);
    double* rsiColumns[1] = {column};
    double* stochasticInputs[6] = {column, column, column, column, column, column};
    rsi_.run(in, rsiColumns, from, to);
    stochastic_.run(stochasticInputs, out, from, to);
  }

 private:
  WilderOscillator rsi_;
  FastStochastic stochastic_;
  Scratch rsiColumn_;
};

class Mfi final : public Kernel {
 public:
  Mfi(int64_t period, int64_t start)
      : period_(period), start_(start), positive_(static_cast<size_t>(period), 0.0), negative_(static_cast<size_t>(period), 0.0) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3], *close = in[4], *volume = in[5];
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 0) {
        out[0][i] = NaN;
        continue;
      }
      double typical = (high[i] + low[i] + close[i]) / 3;
      if (bar == 0) {
        previous_ = typical;
        out[0][i] = NaN;
        continue;
      }
      if (bar > period_) {
        positiveSum_ -= positive_[slot_];
        negativeSum_ -= negative_[slot_];
      }
      double change = typical - previous_;
      previous_ = typical;
      double flow = typical * volume[i];
      if (change < 0) {
        negative_[slot_] = flow;
        negativeSum_ += flow;
        positive_[slot_] = 0;
      } else if (change > 0) {
        positive_[slot_] = flow;
        positiveSum_ += flow;
        negative_[slot_] = 0;
      } else {
        positive_[slot_] = 0;
        negative_[slot_] = 0;
      }
      slot_ = slot_ + 1 == period_ ? 0 : slot_ + 1;
      if (bar < period_) {
        out[0][i] = NaN;
        continue;
      }
      double total = positiveSum_ + negativeSum_;
      out[0][i] = total < 1 ? 0 : 100 * (positiveSum_ / total);
    }
  }

 private:
  int64_t period_, start_;
  std::vector<double> positive_, negative_;
  int64_t slot_ = 0;
  double positiveSum_ = 0, negativeSum_ = 0, previous_ = 0;
};

class Cci final : public Kernel {
 public:
  Cci(int64_t period, int64_t start) : period_(period), start_(start), typical_(static_cast<size_t>(period), 0.0) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *high = in[2], *low = in[3], *close = in[4];
    const double p = static_cast<double>(period_);
    for (int64_t i = from; i < to; i++) {
      int64_t bar = i - start_;
      if (bar < 0) {
        out[0][i] = NaN;
        continue;
      }
      double last = (high[i] + low[i] + close[i]) / 3;
      typical_[static_cast<size_t>(bar % period_)] = last;
      if (bar < period_ - 1) {
        out[0][i] = NaN;
        continue;
      }
      double average = 0;
      for (int64_t j = 0; j < period_; j++) average += typical_[j];
      average /= p;
      double deviation = 0;
      for (int64_t j = 0; j < period_; j++) deviation += std::fabs(typical_[j] - average);
      double distance = last - average;
      out[0][i] = distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / p)) : 0;
    }
  }

 private:
  int64_t period_, start_;
  std::vector<double> typical_;
};

class Vwap final : public Kernel {
 public:
  explicit Vwap(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double *time = in[0], *high = in[2], *low = in[3], *close = in[4], *volume = in[5];
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = NaN;
        continue;
      }
      double day = std::floor(time[i] / 86400000.0);
      if (day != session_) {
        session_ = day;
        priceVolume_ = volumeTotal_ = typicalTotal_ = 0;
        barsInSession_ = 0;
      }
      double typical = (high[i] + low[i] + close[i]) / 3;
      priceVolume_ += typical * volume[i];
      volumeTotal_ += volume[i];
      typicalTotal_ += typical;
      barsInSession_++;
      out[0][i] = volumeTotal_ > 0 ? priceVolume_ / volumeTotal_ : typicalTotal_ / barsInSession_;
    }
  }

 private:
  int64_t start_;
  double session_ = NaN, priceVolume_ = 0, volumeTotal_ = 0, typicalTotal_ = 0, barsInSession_ = 0;
};

MaType maType(Params& p) { return static_cast<MaType>(p.choice("maType", maTypeNames())); }

template <typename T, typename... A>
K make(A... args) {
  return std::make_unique<T>(args...);
}

}  // namespace

std::vector<OpInfo> indicatorOps() {
  return {
      {"indicators.ad", 6, 1, [](Params&, int64_t s) -> K { return make<Ad>(s); }},
      {"indicators.adosc", 6, 1,
       [](Params& p, int64_t s) -> K { return make<Adosc>(p.integer("fastPeriod", 2, MAX_PERIOD), p.integer("slowPeriod", 2, MAX_PERIOD), s); }},
      {"indicators.adx", 6, 3, [](Params& p, int64_t s) -> K { return make<Adx>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.apo", 1, 1,
       [](Params& p, int64_t s) -> K {
         int64_t f = p.integer("fastPeriod", 2, MAX_PERIOD), w = p.integer("slowPeriod", 2, MAX_PERIOD);
         MaType t = maType(p);
         return make<PriceOscillator>(t, std::min(f, w), std::max(f, w), s, false);
       }},
      {"indicators.aroon", 6, 2, [](Params& p, int64_t s) -> K { return make<Aroon>(p.integer("period", 2, MAX_PERIOD), s, false); }},
      {"indicators.aroonOsc", 6, 1, [](Params& p, int64_t s) -> K { return make<Aroon>(p.integer("period", 2, MAX_PERIOD), s, true); }},
      {"indicators.atr", 6, 1, [](Params& p, int64_t s) -> K { return make<AverageTrueRange>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.bbands", 1, 3,
       [](Params& p, int64_t s) -> K {
         int64_t period = p.integer("period", 2, MAX_PERIOD);
         double up = p.number("deviationsUp", -1000, 1000), down = p.number("deviationsDown", -1000, 1000);
         MaType t = maType(p);
         if (!p.ok()) return nullptr;
         if (t == MaType::Sma) return make<SmaBands>(period, up, down, s);
         return make<Bands>(t, period, up, down, s);
       }},
      {"indicators.cci", 6, 1, [](Params& p, int64_t s) -> K { return make<Cci>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.cmf", 6, 1, [](Params& p, int64_t s) -> K { return make<Cmf>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.cmo", 1, 1, [](Params& p, int64_t s) -> K { return make<WilderOscillator>(p.integer("period", 2, MAX_PERIOD), s, true); }},
      {"indicators.dema", 1, 1, [](Params& p, int64_t s) -> K { return make<Dema>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.donchian", 6, 3, [](Params& p, int64_t s) -> K { return make<Channel>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.ema", 1, 1, [](Params& p, int64_t s) -> K { return make<Ema>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.heikinAshi", 6, 4, [](Params&, int64_t s) -> K { return make<HeikinAshi>(s); }},
      {"indicators.hma", 1, 1, [](Params& p, int64_t s) -> K { return make<Hma>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.ichimoku", 6, 5,
       [](Params& p, int64_t s) -> K {
         return make<Ichimoku>(p.integer("tenkanPeriod", 1, 10000), p.integer("kijunPeriod", 1, 10000),
                               p.integer("senkouBPeriod", 1, 10000), p.integer("displacement", 0, 10000), s);
       }},
      {"indicators.kama", 1, 1, [](Params& p, int64_t s) -> K { return make<Kama>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.keltner", 6, 3,
       [](Params& p, int64_t s) -> K {
         return make<Keltner>(p.integer("period", 2, MAX_PERIOD), p.integer("atrPeriod", 1, MAX_PERIOD), p.number("multiplier", -1000, 1000), s);
       }},
      {"indicators.linearReg", 1, 1,
       [](Params& p, int64_t s) -> K { return make<LinearRegression>(p.integer("period", 2, MAX_PERIOD), s, false); }},
      {"indicators.linearRegSlope", 1, 1,
       [](Params& p, int64_t s) -> K { return make<LinearRegression>(p.integer("period", 2, MAX_PERIOD), s, true); }},
      {"indicators.macd", 1, 3,
       [](Params& p, int64_t s) -> K {
         int64_t f = p.integer("fastPeriod", 2, MAX_PERIOD), w = p.integer("slowPeriod", 2, MAX_PERIOD);
         int64_t signal = p.integer("signalPeriod", 1, MAX_PERIOD);
         return make<Macd>(std::min(f, w), std::max(f, w), signal, s);
       }},
      {"indicators.mfi", 6, 1, [](Params& p, int64_t s) -> K { return make<Mfi>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.mom", 1, 1, [](Params& p, int64_t s) -> K { return make<Mom>(p.integer("period", 1, MAX_PERIOD), s, false); }},
      {"indicators.natr", 6, 1, [](Params& p, int64_t s) -> K { return make<Natr>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.obv", 6, 1, [](Params&, int64_t s) -> K { return make<Obv>(s); }},
      {"indicators.ppo", 1, 1,
       [](Params& p, int64_t s) -> K {
         int64_t f = p.integer("fastPeriod", 2, MAX_PERIOD), w = p.integer("slowPeriod", 2, MAX_PERIOD);
         MaType t = maType(p);
         return make<PriceOscillator>(t, std::min(f, w), std::max(f, w), s, true);
       }},
      {"indicators.rma", 1, 1, [](Params& p, int64_t s) -> K { return make<Rma>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.roc", 1, 1, [](Params& p, int64_t s) -> K { return make<Mom>(p.integer("period", 1, MAX_PERIOD), s, true); }},
      {"indicators.rsi", 1, 1, [](Params& p, int64_t s) -> K { return make<WilderOscillator>(p.integer("period", 2, MAX_PERIOD), s, false); }},
      {"indicators.sar", 6, 1,
       [](Params& p, int64_t s) -> K { return make<Sar>(p.number("acceleration", 0, 1), p.number("maximum", 0, 1), s); }},
      {"indicators.sma", 1, 1, [](Params& p, int64_t s) -> K { return make<Sma>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.stdDev", 1, 1,
       [](Params& p, int64_t s) -> K { return make<StdDev>(p.integer("period", 2, MAX_PERIOD), p.number("deviations", -1000, 1000), s); }},
      {"indicators.stoch", 6, 2,
       [](Params& p, int64_t s) -> K {
         return make<Stoch>(p.integer("fastKPeriod", 1, MAX_PERIOD), p.integer("slowKPeriod", 1, MAX_PERIOD), p.integer("slowDPeriod", 1, MAX_PERIOD), s);
       }},
      {"indicators.stochRsi", 1, 2,
       [](Params& p, int64_t s) -> K {
         return make<StochRsi>(p.integer("period", 2, MAX_PERIOD), p.integer("kPeriod", 1, MAX_PERIOD), p.integer("dPeriod", 1, MAX_PERIOD), s);
       }},
      {"indicators.stochf", 6, 2,
       [](Params& p, int64_t s) -> K { return make<FastStochastic>(p.integer("kPeriod", 1, MAX_PERIOD), p.integer("dPeriod", 1, MAX_PERIOD), s); }},
      {"indicators.superTrend", 6, 2,
       [](Params& p, int64_t s) -> K { return make<SuperTrend>(p.integer("atrPeriod", 1, MAX_PERIOD), p.number("multiplier", -1000, 1000), s); }},
      {"indicators.t3", 1, 1,
       [](Params& p, int64_t s) -> K { return make<T3>(p.integer("period", 2, MAX_PERIOD), p.number("volumeFactor", 0, 1), s); }},
      {"indicators.tema", 1, 1, [](Params& p, int64_t s) -> K { return make<Tema>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.trange", 6, 1, [](Params&, int64_t s) -> K { return make<TrueRangeKernel>(s); }},
      {"indicators.trima", 1, 1, [](Params& p, int64_t s) -> K { return make<Trima>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.trix", 1, 1, [](Params& p, int64_t s) -> K { return make<Trix>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"indicators.ultosc", 6, 1,
       [](Params& p, int64_t s) -> K {
         return make<Ultosc>(p.integer("shortPeriod", 1, MAX_PERIOD), p.integer("mediumPeriod", 1, MAX_PERIOD), p.integer("longPeriod", 1, MAX_PERIOD), s);
       }},
      {"indicators.vwap", 6, 1, [](Params&, int64_t s) -> K { return make<Vwap>(s); }},
      {"indicators.willr", 6, 1, [](Params& p, int64_t s) -> K { return make<Willr>(p.integer("period", 2, MAX_PERIOD), s); }},
      {"indicators.wma", 1, 1, [](Params& p, int64_t s) -> K { return make<Wma>(p.integer("period", 2, MAX_PERIOD), s); }},
  };
}

}  // namespace strata
