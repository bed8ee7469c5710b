// Node kernels: one class per op, each a line-by-line port of nodes/<category>/<name>/<name>.node.ts
// with the same order of floating-point operations, so native and TypeScript values agree to the bit.
// Contract (nodes/core/define.ts): run(in, out, from, to) computes bars [from, to); batch runs call it
// once with (0, n), streams once per bar; state lives in the instance, history is read from columns.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "json.hpp"
#include "plan.hpp"

namespace strata {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

class Kernel {
 public:
  virtual ~Kernel() = default;
  virtual void run(double* const* in, double* const* out, int64_t from, int64_t to) = 0;
};

/** Params of one step, read with range checks; the first problem is kept as a sentence. */
class Params {
 public:
  Params(const json::Value& params, std::string where) : params_(params), where_(std::move(where)) {}
  int64_t integer(const char* name, int64_t min, int64_t max);
  double number(const char* name, double min, double max);
  /** One of `choices`; returns its index. */
  int choice(const char* name, const std::vector<const char*>& choices);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  const json::Value& params_;
  std::string where_;
  std::string error_;
  const json::Value* field(const char* name);
};

struct OpInfo {
  const char* op;
  /** Input and output columns, a bars port counting six. */
  int inputs;
  int outputs;
  std::unique_ptr<Kernel> (*make)(Params& params, int64_t start);
};

/** The op's entry, or nullptr when the native core does not compute it yet. */
const OpInfo* findOp(const std::string& op);
/** Every op the native core computes, sorted. */
std::vector<std::string> nativeOps();

/** A column a composed kernel owns for an inner kernel's output; grows and keeps what was written. */
class Scratch {
 public:
  double* reserve(int64_t to) {
    if (to > static_cast<int64_t>(values_.size())) {
      size_t size = std::max<size_t>({static_cast<size_t>(to), values_.size() * 2, size_t{256}});
      values_.resize(size, 0.0);
    }
    return values_.data();
  }

 private:
  std::vector<double> values_;
};

}  // namespace strata
