// Data, math and logic kernels: ports of nodes/data, nodes/math and nodes/logic.
#include "kernels_basic.hpp"

#include "jsnum.hpp"
#include "kernels_common.hpp"

namespace strata {
namespace {

using K = std::unique_ptr<Kernel>;

// ---- data ----

enum class Field { Open, High, Low, Close, Volume, Hl2, Hlc3, Ohlc4 };
const std::vector<const char*> FIELDS = {"open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4"};

/** nodes/data/fields.ts writeField. */
void writeField(Field field, double* const* bars, double* out, int64_t from, int64_t to, int64_t start) {
  const double* open = bars[1];
  const double* high = bars[2];
  const double* low = bars[3];
  const double* close = bars[4];
  const double* volume = bars[5];
  int64_t first = std::max(from, start);
  for (int64_t i = from; i < first && i < to; i++) out[i] = NaN;
  switch (field) {
    case Field::Open:
    case Field::High:
    case Field::Low:
    case Field::Close:
    case Field::Volume: {
      const double* column = bars[1 + static_cast<int>(field)];
      for (int64_t i = first; i < to; i++) out[i] = column[i];
      return;
    }
    case Field::Hl2:
      for (int64_t i = first; i < to; i++) out[i] = (high[i] + low[i]) / 2;
      return;
    case Field::Hlc3:
      for (int64_t i = first; i < to; i++) out[i] = (high[i] + low[i] + close[i]) / 3;
      return;
    case Field::Ohlc4:
      for (int64_t i = first; i < to; i++) out[i] = (open[i] + high[i] + low[i] + close[i]) / 4;
      return;
  }
  (void)volume;
}

class PriceFeed final : public Kernel {
 public:
  PriceFeed(Field field, int64_t start) : field_(field), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int c = 0; c < 6; c++) {
      const double* source = in[c];
      double* o = out[c];
      for (int64_t i = from; i < to; i++) o[i] = i < start_ ? NaN : source[i];
    }
    writeField(field_, in, out[6], from, to, start_);
  }

 private:
  Field field_;
  int64_t start_;
};

class BarField final : public Kernel {
 public:
  BarField(Field field, int64_t start) : field_(field), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    writeField(field_, in, out[0], from, to, start_);
  }

 private:
  Field field_;
  int64_t start_;
};

class Constant final : public Kernel {
 public:
  explicit Constant(double value) : value_(value) {}
  void run(double* const*, double* const* out, int64_t from, int64_t to) override {
    std::fill(out[0] + from, out[0] + to, value_);
  }

 private:
  double value_;
};

// ---- element-wise operations: one template, the operation inlined ----

template <typename F>
class Unary final : public Kernel {
 public:
  Unary(F f, int64_t start) : f_(f), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    for (int64_t i = from; i < to; i++) o[i] = i < start_ ? NaN : f_(x[i]);
  }

 private:
  F f_;
  int64_t start_;
};

template <typename F>
class Binary final : public Kernel {
 public:
  Binary(F f, int64_t start) : f_(f), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* a = in[0];
    const double* b = in[1];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < start_; i++) o[i] = NaN;
    for (; i < to; i++) o[i] = f_(a[i], b[i]);
  }

 private:
  F f_;
  int64_t start_;
};

template <typename F>
K unary(F f, int64_t start) {
  return std::make_unique<Unary<F>>(f, start);
}
template <typename F>
K binary(F f, int64_t start) {
  return std::make_unique<Binary<F>>(f, start);
}

// ---- math with windows ----

/** Change, percent change and lag: a value `bars` back. */
template <typename F>
class Back final : public Kernel {
 public:
  Back(F f, int64_t bars, int64_t start) : f_(f), bars_(bars), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    for (int64_t i = from; i < to; i++) o[i] = i < start_ + bars_ ? NaN : f_(x[i], x[i - bars_]);
  }

 private:
  F f_;
  int64_t bars_, start_;
};
template <typename F>
K back(F f, int64_t bars, int64_t start) {
  return std::make_unique<Back<F>>(f, bars, start);
}

class PercentRank final : public Kernel {
 public:
  PercentRank(int64_t period, int64_t start) : period_(period), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    for (int64_t i = from; i < to; i++) {
      double v = x[i];
      if (i < start_ + period_ || !isFiniteNumber(v)) {
        o[i] = NaN;
        continue;
      }
      double atOrBelow = 0, gaps = 0;
      for (int64_t j = i - period_; j < i; j++) {
        double w = x[j];
        if (!isFiniteNumber(w)) gaps++;
        else if (w <= v) atOrBelow++;
      }
      o[i] = gaps > 0 ? NaN : (atOrBelow / static_cast<double>(period_)) * 100;
    }
  }

 private:
  int64_t period_, start_;
};

class RollingExtreme final : public Kernel {
 public:
  RollingExtreme(int64_t period, bool highest, int64_t start) : period_(period), start_(start), window_(period, highest) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        o[i] = NaN;
        continue;
      }
      if (!isFiniteNumber(x[i])) gaps_++;
      if (i - start_ >= period_ && !isFiniteNumber(x[i - period_])) gaps_--;
      int64_t at = window_.push(x, i);
      o[i] = i - start_ >= period_ - 1 && gaps_ == 0 && at >= 0 ? x[at] : NaN;
    }
  }

 private:
  int64_t period_, start_;
  WindowExtreme window_;
  int64_t gaps_ = 0;
};

/** Rolling sum and mean (and countInWindow), gaps counted rather than summed. */
class RollingSum final : public Kernel {
 public:
  RollingSum(int64_t period, bool mean, int64_t start) : period_(period), mean_(mean), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    double sum = sum_;
    int64_t gaps = gaps_;
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        o[i] = NaN;
        continue;
      }
      if (i - start_ >= period_) {
        double old = x[i - period_];
        if (isFiniteNumber(old)) sum -= old;
        else gaps--;
      }
      double v = x[i];
      if (isFiniteNumber(v)) sum += v;
      else gaps++;
      o[i] = i - start_ >= period_ - 1 && gaps == 0 ? (mean_ ? sum / static_cast<double>(period_) : sum) : NaN;
    }
    sum_ = sum;
    gaps_ = gaps;
  }

 private:
  int64_t period_;
  bool mean_;
  int64_t start_;
  double sum_ = 0;
  int64_t gaps_ = 0;
};

/** Rolling standard deviation and z-score. */
class RollingSpread final : public Kernel {
 public:
  RollingSpread(int64_t period, bool zScore, int64_t start) : period_(period), zScore_(zScore), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    double* o = out[0];
    const double p = static_cast<double>(period_);
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        o[i] = NaN;
        continue;
      }
      if (i - start_ >= period_) {
        double old = x[i - period_];
        if (isFiniteNumber(old)) {
          sum_ -= old;
          sumOfSquares_ -= old * old;
        } else {
          gaps_--;
        }
      }
      double v = x[i];
      if (isFiniteNumber(v)) {
        sum_ += v;
        sumOfSquares_ += v * v;
      } else {
        gaps_++;
      }
      if (i - start_ < period_ - 1 || gaps_ > 0) {
        o[i] = NaN;
        continue;
      }
      double mean = sum_ / p;
      double variance = sumOfSquares_ / p - mean * mean;
      if (zScore_) o[i] = variance > 0 ? (v - mean) / std::sqrt(variance) : NaN;
      else o[i] = variance > 0 ? std::sqrt(variance) : 0;
    }
  }

 private:
  int64_t period_;
  bool zScore_;
  int64_t start_;
  double sum_ = 0, sumOfSquares_ = 0;
  int64_t gaps_ = 0;
};

/** Clamp and between: a value against lower and upper columns. */
class Clamp final : public Kernel {
 public:
  explicit Clamp(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      double v = in[0][i], lo = in[1][i], hi = in[2][i];
      out[0][i] = i < start_ || !(lo <= hi) ? NaN : jsMin(jsMax(v, lo), hi);
    }
  }

 private:
  int64_t start_;
};

// ---- logic ----

/** Compare: one loop per operator, chosen once. */
template <typename F>
class Comparison final : public Kernel {
 public:
  Comparison(F f, int64_t start) : f_(f), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* a = in[0];
    const double* b = in[1];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i < start_; i++) o[i] = NaN;
    for (; i < to; i++) {
      double x = a[i], y = b[i];
      o[i] = isNan(x) || isNan(y) ? NaN : f_(x, y) ? 1.0 : 0.0;
    }
  }

 private:
  F f_;
  int64_t start_;
};
template <typename F>
K comparison(F f, int64_t start) {
  return std::make_unique<Comparison<F>>(f, start);
}

class Crosses final : public Kernel {
 public:
  Crosses(bool above, int64_t start) : above_(above), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* a = in[0];
    const double* b = in[1];
    double* o = out[0];
    int64_t i = from;
    for (; i < to && i <= start_; i++) o[i] = NaN;
    if (above_) {
      for (; i < to; i++) {
        double x = a[i], y = b[i], px = a[i - 1], py = b[i - 1];
        o[i] = isNan(x) || isNan(y) || isNan(px) || isNan(py) ? NaN : x > y && px <= py ? 1.0 : 0.0;
      }
    } else {
      for (; i < to; i++) {
        double x = a[i], y = b[i], px = a[i - 1], py = b[i - 1];
        o[i] = isNan(x) || isNan(y) || isNan(px) || isNan(py) ? NaN : x < y && px >= py ? 1.0 : 0.0;
      }
    }
  }

 private:
  bool above_;
  int64_t start_;
};

class BarsSince final : public Kernel {
 public:
  explicit BarsSince(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = NaN;
        continue;
      }
      if (in[0][i] == 1) lastTrue_ = i;
      out[0][i] = lastTrue_ < 0 ? NaN : static_cast<double>(i - lastTrue_);
    }
  }

 private:
  int64_t start_;
  int64_t lastTrue_ = -1;
};

class BecameTrue final : public Kernel {
 public:
  explicit BecameTrue(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i <= start_) {
        out[0][i] = NaN;
        continue;
      }
      double now = in[0][i], before = in[0][i - 1];
      out[0][i] = isNan(now) || isNan(before) ? NaN : now == 1 && before != 1 ? 1.0 : 0.0;
    }
  }

 private:
  int64_t start_;
};

class Between final : public Kernel {
 public:
  explicit Between(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      double v = in[0][i], lo = in[1][i], hi = in[2][i];
      out[0][i] = i < start_ || isNan(v) || isNan(lo) || isNan(hi) ? NaN : v >= lo && v <= hi ? 1.0 : 0.0;
    }
  }

 private:
  int64_t start_;
};

/** Rising and falling: runs of strict moves. */
class Streak final : public Kernel {
 public:
  Streak(int64_t bars, bool rising, int64_t start) : bars_(bars), rising_(rising), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* x = in[0];
    for (int64_t i = from; i < to; i++) {
      if (i <= start_) {
        out[0][i] = NaN;
        continue;
      }
      double now = x[i], before = x[i - 1];
      run_ = (rising_ ? now > before : now < before) ? run_ + 1 : 0;
      out[0][i] = i < start_ + bars_ || isNan(now) || isNan(before) ? NaN : run_ >= bars_ ? 1.0 : 0.0;
    }
  }

 private:
  int64_t bars_;
  bool rising_;
  int64_t start_;
  int64_t run_ = 0;
};

class IfThenElse final : public Kernel {
 public:
  explicit IfThenElse(int64_t start) : start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      double c = in[0][i];
      out[0][i] = i < start_ || isNan(c) ? NaN : c == 1 ? in[1][i] : in[2][i];
    }
  }

 private:
  int64_t start_;
};

class TrueForBars final : public Kernel {
 public:
  TrueForBars(int64_t bars, int64_t start) : bars_(bars), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i < start_) {
        out[0][i] = NaN;
        continue;
      }
      double c = in[0][i];
      run_ = c == 1 ? run_ + 1 : 0;
      out[0][i] = i < start_ + bars_ - 1 || isNan(c) ? NaN : run_ >= bars_ ? 1.0 : 0.0;
    }
  }

 private:
  int64_t bars_, start_;
  int64_t run_ = 0;
};

const int64_t MAX_PERIOD = 100000;

}  // namespace

std::vector<OpInfo> basicOps() {
  return {
      {"data.barField", 6, 1,
       [](Params& p, int64_t s) -> K {
         auto f = static_cast<Field>(p.choice("field", FIELDS));
         return std::make_unique<BarField>(f, s);
       }},
      {"data.constant", 0, 1, [](Params& p, int64_t) -> K { return std::make_unique<Constant>(p.number("value", -1e308, 1e308)); }},
      {"data.priceFeed", 6, 7,
       [](Params& p, int64_t s) -> K {
         auto f = static_cast<Field>(p.choice("field", FIELDS));
         return std::make_unique<PriceFeed>(f, s);
       }},
      {"logic.and", 2, 1, [](Params&, int64_t s) -> K {
         return binary([](double x, double y) { return isNan(x) || isNan(y) ? NaN : x == 1 && y == 1 ? 1.0 : 0.0; }, s);
       }},
      {"logic.barsSince", 1, 1, [](Params&, int64_t s) -> K { return std::make_unique<BarsSince>(s); }},
      {"logic.becameTrue", 1, 1, [](Params&, int64_t s) -> K { return std::make_unique<BecameTrue>(s); }},
      {"logic.between", 3, 1, [](Params&, int64_t s) -> K { return std::make_unique<Between>(s); }},
      {"logic.compare", 2, 1,
       [](Params& p, int64_t s) -> K {
         switch (p.choice("op", {">", ">=", "<", "<=", "==", "!="})) {
           case 0: return comparison([](double x, double y) { return x > y; }, s);
           case 1: return comparison([](double x, double y) { return x >= y; }, s);
           case 2: return comparison([](double x, double y) { return x < y; }, s);
           case 3: return comparison([](double x, double y) { return x <= y; }, s);
           case 4: return comparison([](double x, double y) { return x == y; }, s);
           case 5: return comparison([](double x, double y) { return x != y; }, s);
         }
         return nullptr;
       }},
      {"logic.countInWindow", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingSum>(p.integer("period", 1, MAX_PERIOD), false, s); }},
      {"logic.crossesAbove", 2, 1, [](Params&, int64_t s) -> K { return std::make_unique<Crosses>(true, s); }},
      {"logic.crossesBelow", 2, 1, [](Params&, int64_t s) -> K { return std::make_unique<Crosses>(false, s); }},
      {"logic.falling", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<Streak>(p.integer("bars", 1, 10000), false, s); }},
      {"logic.ifThenElse", 3, 1, [](Params&, int64_t s) -> K { return std::make_unique<IfThenElse>(s); }},
      {"logic.not", 1, 1, [](Params&, int64_t s) -> K {
         return unary([](double x) { return isNan(x) ? NaN : x == 1 ? 0.0 : 1.0; }, s);
       }},
      {"logic.or", 2, 1, [](Params&, int64_t s) -> K {
         return binary([](double x, double y) { return isNan(x) || isNan(y) ? NaN : x == 1 || y == 1 ? 1.0 : 0.0; }, s);
       }},
      {"logic.rising", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<Streak>(p.integer("bars", 1, 10000), true, s); }},
      {"logic.trueForBars", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<TrueForBars>(p.integer("bars", 1, 10000), s); }},
      {"logic.xor", 2, 1, [](Params&, int64_t s) -> K {
         return binary([](double x, double y) { return isNan(x) || isNan(y) ? NaN : (x == 1) != (y == 1) ? 1.0 : 0.0; }, s);
       }},
      {"math.abs", 1, 1, [](Params&, int64_t s) -> K { return unary([](double x) { return std::fabs(x); }, s); }},
      {"math.add", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return a + b; }, s); }},
      {"math.change", 1, 1,
       [](Params& p, int64_t s) -> K { return back([](double x, double b) { return x - b; }, p.integer("bars", 1, MAX_PERIOD), s); }},
      {"math.clamp", 3, 1, [](Params&, int64_t s) -> K { return std::make_unique<Clamp>(s); }},
      {"math.divide", 2, 1,
       [](Params&, int64_t s) -> K { return binary([](double a, double b) { return b == 0 ? NaN : a / b; }, s); }},
      {"math.exp", 1, 1, [](Params&, int64_t s) -> K { return unary([](double x) { return std::exp(x); }, s); }},
      {"math.lag", 1, 1,
       [](Params& p, int64_t s) -> K { return back([](double, double b) { return b; }, p.integer("bars", 1, MAX_PERIOD), s); }},
      {"math.log", 1, 1, [](Params&, int64_t s) -> K { return unary([](double x) { return x > 0 ? std::log(x) : NaN; }, s); }},
      {"math.max", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return jsMax(a, b); }, s); }},
      {"math.min", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return jsMin(a, b); }, s); }},
      {"math.multiply", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return a * b; }, s); }},
      {"math.percentChange", 1, 1,
       [](Params& p, int64_t s) -> K {
         return back([](double x, double before) { return before == 0 ? NaN : ((x - before) / before) * 100; },
                     p.integer("bars", 1, MAX_PERIOD), s);
       }},
      {"math.percentRank", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<PercentRank>(p.integer("period", 1, MAX_PERIOD), s); }},
      {"math.pow", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return jsPow(a, b); }, s); }},
      {"math.rollingMax", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingExtreme>(p.integer("period", 1, MAX_PERIOD), true, s); }},
      {"math.rollingMean", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingSum>(p.integer("period", 1, MAX_PERIOD), true, s); }},
      {"math.rollingMin", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingExtreme>(p.integer("period", 1, MAX_PERIOD), false, s); }},
      {"math.rollingStdev", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingSpread>(p.integer("period", 2, MAX_PERIOD), false, s); }},
      {"math.rollingSum", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingSum>(p.integer("period", 1, MAX_PERIOD), false, s); }},
      {"math.round", 1, 1,
       [](Params& p, int64_t s) -> K {
         double scale = std::pow(10.0, static_cast<double>(p.integer("decimals", 0, 12)));
         return unary([scale](double x) { return jsRound(x * scale) / scale; }, s);
       }},
      {"math.sqrt", 1, 1, [](Params&, int64_t s) -> K { return unary([](double x) { return std::sqrt(x); }, s); }},
      {"math.subtract", 2, 1, [](Params&, int64_t s) -> K { return binary([](double a, double b) { return a - b; }, s); }},
      {"math.zScore", 1, 1,
       [](Params& p, int64_t s) -> K { return std::make_unique<RollingSpread>(p.integer("period", 2, MAX_PERIOD), true, s); }},
  };
}

}  // namespace strata
