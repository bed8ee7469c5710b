// Pattern kernels (ports of nodes/patterns/<name>/<name>.node.ts) and the Higher Timeframe node
// (nodes/data/resample), which lives here because it shares the completed-bucket logic of
// nodes/data/timeframes.ts with Pivot Points.
#include <cstring>

#include "kernels_basic.hpp"
#include "kernels_common.hpp"

namespace strata {
namespace {

using K = std::unique_ptr<Kernel>;

// ---- higher-timeframe buckets (nodes/data/timeframes.ts) ----

constexpr double MINUTE = 60000;
constexpr double DAY = 1440 * MINUTE;
/** 1970-01-01 was a Thursday; ISO weeks start on Monday, four days later. */
constexpr double FIRST_MONDAY = 4 * DAY;

/** A bucket's length and its offset from the epoch, in ms (TIMEFRAME_MS and bucketStart). */
struct BucketRule {
  double length;
  double offset;
};
/** RESAMPLE_TIMEFRAMES, in the same order as their rules. */
const std::vector<const char*> RESAMPLE_TIMEFRAMES = {"5m", "15m", "30m", "1h", "4h", "1d", "1w"};
const BucketRule RESAMPLE_RULES[] = {{5 * MINUTE, 0},  {15 * MINUTE, 0}, {30 * MINUTE, 0},      {60 * MINUTE, 0},
                                     {240 * MINUTE, 0}, {DAY, 0},         {7 * DAY, FIRST_MONDAY}};
const BucketRule DAILY = {DAY, 0};

/** timeframes.ts CompletedBucket: aggregates bars and exposes the last completed bucket only (NaN until one). */
class CompletedBucket {
 public:
  explicit CompletedBucket(BucketRule rule) : rule_(rule) {}

  double time = NaN, open = NaN, high = NaN, low = NaN, close = NaN, volume = NaN;

  void push(double t, double o, double h, double l, double c, double v) {
    // bucketStart: Math.floor((time - offset) / length) * length + offset.
    double bucket = std::floor((t - rule_.offset) / rule_.length) * rule_.length + rule_.offset;
    if (bucket == bucket_) {
      if (h > high_) high_ = h;
      if (l < low_) low_ = l;
      close_ = c;
      volume_ += v;
      return;
    }
    if (!isNan(bucket_)) {
      time = bucket_;
      open = open_;
      high = high_;
      low = low_;
      close = close_;
      volume = volume_;
    }
    bucket_ = bucket;
    open_ = o;
    high_ = h;
    low_ = l;
    close_ = c;
    volume_ = v;
  }

 private:
  BucketRule rule_;
  double bucket_ = NaN, open_ = NaN, high_ = NaN, low_ = NaN, close_ = NaN, volume_ = NaN;
};

/** nodes/data/resample: every bar sees the last finished higher-timeframe bar. */
class Resample final : public Kernel {
 public:
  Resample(int timeframe, int64_t start) : bucket_(RESAMPLE_RULES[timeframe]), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    for (int64_t i = from; i < to; i++) {
      if (i >= start_) bucket_.push(in[0][i], in[1][i], in[2][i], in[3][i], in[4][i], in[5][i]);
      out[0][i] = bucket_.time;
      out[1][i] = bucket_.open;
      out[2][i] = bucket_.high;
      out[3][i] = bucket_.low;
      out[4][i] = bucket_.close;
      out[5][i] = bucket_.volume;
    }
  }

 private:
  CompletedBucket bucket_;
  int64_t start_;
};

// ---- patterns ----

/** nodes/patterns/pivotPoints: classic floor pivots from the previous UTC day. */
class PivotPoints final : public Kernel {
 public:
  explicit PivotPoints(int64_t start) : day_(DAILY), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    double* pivot = out[0];
    double* r1 = out[1];
    double* r2 = out[2];
    double* r3 = out[3];
    double* s1 = out[4];
    double* s2 = out[5];
    double* s3 = out[6];
    for (int64_t i = from; i < to; i++) {
      if (i >= start_) day_.push(in[0][i], in[1][i], in[2][i], in[3][i], in[4][i], in[5][i]);
      const double h = day_.high;
      const double l = day_.low;
      const double p = (h + l + day_.close) / 3;
      pivot[i] = p;
      r1[i] = 2 * p - l;
      r2[i] = p + (h - l);
      r3[i] = h + 2 * (p - l);
      s1[i] = 2 * p - h;
      s2[i] = p - (h - l);
      s3[i] = l - 2 * (h - p);
    }
  }

 private:
  CompletedBucket day_;
  int64_t start_;
};

/** nodes/patterns/fibonacciRetracement: levels between the window's highest high and lowest low. */
class FibonacciRetracement final : public Kernel {
 public:
  FibonacciRetracement(int64_t window, int64_t start) : window_(window), start_(start), highest_(window, true), lowest_(window, false) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    static constexpr double RATIOS[5] = {0.236, 0.382, 0.5, 0.618, 0.786};
    const double* high = in[2];
    const double* low = in[3];
    double* swingHigh = out[0];
    double* swingLow = out[1];
    for (int64_t i = from; i < to; i++) {
      if (i >= start_) {
        if (!isFiniteNumber(high[i]) || !isFiniteNumber(low[i])) gaps_++;
        const int64_t old = i - window_;
        if (old >= start_ && (!isFiniteNumber(high[old]) || !isFiniteNumber(low[old]))) gaps_--;
        const int64_t hi = highest_.push(high, i);
        const int64_t lo = lowest_.push(low, i);
        if (i - start_ >= window_ - 1 && gaps_ == 0) {
          const double h = high[hi];
          const double l = low[lo];
          // Measured from the later extreme: from the high down after an up-swing, else from the low up.
          const double range = hi >= lo ? l - h : h - l;
          const double base = hi >= lo ? h : l;
          swingHigh[i] = h;
          swingLow[i] = l;
          for (int k = 0; k < 5; k++) out[2 + k][i] = base + RATIOS[k] * range;
          continue;
        }
      }
      for (int k = 0; k < 7; k++) out[k][i] = NaN;
    }
  }

 private:
  int64_t window_, start_;
  WindowExtreme highest_, lowest_;
  int64_t gaps_ = 0;
};

/** markovRegime.node.ts lowerBound: the first index in sorted[0, count) whose value is not below `value`. */
int64_t lowerBound(const double* sorted, int64_t count, double value) {
  int64_t low = 0;
  int64_t high = count;
  while (low < high) {
    const int64_t middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** nodes/patterns/markovRegime: return buckets and their transition counts over a window. */
class MarkovRegime final : public Kernel {
 public:
  MarkovRegime(int64_t states, int64_t window, int64_t start)
      : states_(states),
        window_(window),
        start_(start),
        ring_(static_cast<size_t>(window), 0.0),
        sorted_(static_cast<size_t>(window), 0.0),
        cuts_(static_cast<size_t>(states - 1), 0.0),
        counts_(static_cast<size_t>(states * states), 0.0) {}

  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* source = in[0];
    double* stateOut = out[0];
    double* nextOut = out[1];
    double* probabilityOut = out[2];
    double* ring = ring_.data();
    double* sorted = sorted_.data();
    double* counts = counts_.data();
    const int64_t states = states_;
    for (int64_t i = from; i < to; i++) {
      if (i <= start_) {
        stateOut[i] = nextOut[i] = probabilityOut[i] = NaN;
        continue;
      }
      const double before = source[i - 1];
      const double r = before > 0 ? source[i] / before - 1 : NaN;
      const int64_t slot = seen_ % window_;
      if (seen_ >= window_) {
        const double old = ring[slot];
        if (isFiniteNumber(old)) {
          const int64_t at = lowerBound(sorted, sortedCount_, old);
          std::memmove(sorted + at, sorted + at + 1, static_cast<size_t>(sortedCount_ - at - 1) * sizeof(double));
          sortedCount_--;
        } else {
          gaps_--;
        }
      }
      ring[slot] = r;
      if (isFiniteNumber(r)) {
        const int64_t at = lowerBound(sorted, sortedCount_, r);
        std::memmove(sorted + at + 1, sorted + at, static_cast<size_t>(sortedCount_ - at) * sizeof(double));
        sorted[at] = r;
        sortedCount_++;
      } else {
        gaps_++;
      }
      seen_++;
      if (seen_ < window_ || gaps_ > 0) {
        stateOut[i] = nextOut[i] = probabilityOut[i] = NaN;
        continue;
      }
      for (int64_t j = 1; j < states; j++) cuts_[j - 1] = sorted[(j * window_) / states];
      std::fill(counts_.begin(), counts_.end(), 0.0);
      int64_t previous = bucket(ring[seen_ % window_]);
      for (int64_t m = 1; m < window_; m++) {
        const int64_t current = bucket(ring[(seen_ + m) % window_]);
        counts[previous * states + current]++;
        previous = current;
      }
      int64_t best = 0;
      double rowTotal = 0;
      for (int64_t j = 0; j < states; j++) {
        const double count = counts[previous * states + j];
        rowTotal += count;
        if (count > counts[previous * states + best]) best = j;
      }
      stateOut[i] = static_cast<double>(previous);
      nextOut[i] = static_cast<double>(best);
      probabilityOut[i] = (counts[previous * states + best] + 1) / (rowTotal + static_cast<double>(states));
    }
  }

 private:
  /** The return's bucket: a return on a cut point goes to the upper bucket. */
  int64_t bucket(double r) const {
    int64_t s = 0;
    while (s < states_ - 1 && r >= cuts_[s]) s++;
    return s;
  }

  int64_t states_, window_, start_;
  // The window's returns in arrival order (a ring) and its finite ones sorted (for the cut points).
  std::vector<double> ring_, sorted_, cuts_, counts_;
  int64_t sortedCount_ = 0, seen_ = 0, gaps_ = 0;
};

/** zigzag.node.ts lowestSince: the earliest lowest value in [from, to]; bar `to` is valid and NaN bars never win. */
int64_t lowestSince(const double* values, int64_t from, int64_t to) {
  int64_t at = to;
  for (int64_t j = to - 1; j >= from; j--)
    if (values[j] <= values[at]) at = j;
  return at;
}

/** zigzag.node.ts highestSince: the earliest highest value in [from, to]. */
int64_t highestSince(const double* values, int64_t from, int64_t to) {
  int64_t at = to;
  for (int64_t j = to - 1; j >= from; j--)
    if (values[j] >= values[at]) at = j;
  return at;
}

/** nodes/patterns/zigzag: the last swing confirmed by a `deviation` percent reversal. */
class Zigzag final : public Kernel {
 public:
  Zigzag(double deviation, int64_t start) : down_(1 - deviation / 100), up_(1 + deviation / 100), start_(start) {}
  void run(double* const* in, double* const* out, int64_t from, int64_t to) override {
    const double* high = in[2];
    const double* low = in[3];
    double* swingOut = out[0];
    double* directionOut = out[1];
    for (int64_t i = from; i < to; i++) {
      if (i < start_ || isNan(high[i]) || isNan(low[i])) {
        swingOut[i] = i < start_ ? NaN : swing_;
        directionOut[i] = i < start_ ? NaN : direction_;
        continue;
      }
      const double h = high[i];
      const double l = low[i];
      // A new extreme (or the first bar) moves the candidate and confirms nothing on this bar.
      const bool newHigh = watching_ != WATCH_LOW && !(h <= candidateHigh_);
      const bool newLow = watching_ != WATCH_HIGH && !(l >= candidateLow_);
      if (newHigh) {
        candidateHigh_ = h;
        candidateHighAt_ = i;
      }
      if (newLow) {
        candidateLow_ = l;
        candidateLowAt_ = i;
      }
      const bool highConfirmed = watching_ != WATCH_LOW && !newHigh && l <= candidateHigh_ * down_;
      const bool lowConfirmed = watching_ != WATCH_HIGH && !newLow && h >= candidateLow_ * up_;
      // Watching both (before the first swing), the older extreme is confirmed first.
      if (highConfirmed && (!lowConfirmed || candidateHighAt_ <= candidateLowAt_)) {
        swing_ = candidateHigh_;
        direction_ = 1;
        watching_ = WATCH_LOW;
        candidateLowAt_ = lowestSince(low, candidateHighAt_ + 1, i);
        candidateLow_ = low[candidateLowAt_];
      } else if (lowConfirmed) {
        swing_ = candidateLow_;
        direction_ = -1;
        watching_ = WATCH_HIGH;
        candidateHighAt_ = highestSince(high, candidateLowAt_ + 1, i);
        candidateHigh_ = high[candidateHighAt_];
      }
      swingOut[i] = swing_;
      directionOut[i] = direction_;
    }
  }

 private:
  /** Which extreme is being watched for a reversal. */
  static constexpr int WATCH_BOTH = 0, WATCH_HIGH = 1, WATCH_LOW = -1;
  double down_, up_;
  int64_t start_;
  int watching_ = WATCH_BOTH;
  double candidateHigh_ = NaN, candidateLow_ = NaN;
  int64_t candidateHighAt_ = -1, candidateLowAt_ = -1;
  double swing_ = NaN, direction_ = NaN;
};

}  // namespace

std::vector<OpInfo> patternOps() {
  return {
      {"data.resample", 6, 6,
       [](Params& p, int64_t s) -> K { return std::make_unique<Resample>(p.choice("timeframe", RESAMPLE_TIMEFRAMES), s); }},
      {"patterns.fibonacciRetracement", 6, 7,
       [](Params& p, int64_t s) -> K { return std::make_unique<FibonacciRetracement>(p.integer("window", 2, 100000), s); }},
      {"patterns.markovRegime", 1, 3,
       [](Params& p, int64_t s) -> K {
         int64_t states = p.integer("states", 2, 5);
         int64_t window = p.integer("window", 10, 10000);
         return std::make_unique<MarkovRegime>(states, window, s);
       }},
      {"patterns.pivotPoints", 6, 7, [](Params&, int64_t s) -> K { return std::make_unique<PivotPoints>(s); }},
      {"patterns.zigzag", 6, 2, [](Params& p, int64_t s) -> K { return std::make_unique<Zigzag>(p.number("deviation", 0.01, 99), s); }},
  };
}

}  // namespace strata
