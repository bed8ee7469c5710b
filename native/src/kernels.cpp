#include "kernels.hpp"

#include <algorithm>
#include <cmath>

#include "jsnum.hpp"
#include "kernels_basic.hpp"

namespace strata {

const json::Value* Params::field(const char* name) {
  if (!error_.empty()) return nullptr;
  const json::Value* v = params_.isObject() ? params_.find(name) : nullptr;
  if (!v) {
    error_ = where_ + ": the param \"" + name + "\" is missing.";
    return nullptr;
  }
  return v;
}

int64_t Params::integer(const char* name, int64_t min, int64_t max) {
  const json::Value* v = field(name);
  if (!v) return min;
  if (!v->isNumber() || v->number != std::floor(v->number) || v->number < static_cast<double>(min) ||
      v->number > static_cast<double>(max)) {
    error_ = where_ + ": the param \"" + name + "\" must be a whole number from " + std::to_string(min) + " to " +
             std::to_string(max) + (v->isNumber() ? "; it is " + jsNumberText(v->number) + "." : std::string("; it is ") + json::describe(v->kind) + ".");
    return min;
  }
  return static_cast<int64_t>(v->number);
}

double Params::number(const char* name, double min, double max) {
  const json::Value* v = field(name);
  if (!v) return min;
  if (!v->isNumber() || !std::isfinite(v->number) || v->number < min || v->number > max) {
    error_ = where_ + ": the param \"" + name + "\" must be a number from " + jsNumberText(min) + " to " + jsNumberText(max) +
             (v->isNumber() ? "; it is " + jsNumberText(v->number) + "." : std::string("; it is ") + json::describe(v->kind) + ".");
    return min;
  }
  return v->number;
}

int Params::choice(const char* name, const std::vector<const char*>& choices) {
  const json::Value* v = field(name);
  if (!v) return 0;
  if (v->isString()) {
    for (size_t k = 0; k < choices.size(); k++)
      if (v->text == choices[k]) return static_cast<int>(k);
  }
  std::string list;
  for (size_t k = 0; k < choices.size(); k++) list += (k ? ", \"" : "\"") + std::string(choices[k]) + "\"";
  error_ = where_ + ": the param \"" + name + "\" must be one of " + list + ".";
  return 0;
}

namespace {
std::vector<OpInfo> buildTable() {
  std::vector<OpInfo> table = basicOps();
  for (auto& op : indicatorOps()) table.push_back(op);
  for (auto& op : patternOps()) table.push_back(op);
  std::sort(table.begin(), table.end(), [](const OpInfo& a, const OpInfo& b) { return std::string(a.op) < b.op; });
  return table;
}
const std::vector<OpInfo>& table() {
  static const std::vector<OpInfo> t = buildTable();
  return t;
}
}  // namespace

const OpInfo* findOp(const std::string& op) {
  const auto& t = table();
  auto it = std::lower_bound(t.begin(), t.end(), op, [](const OpInfo& a, const std::string& b) { return a.op < b; });
  return it != t.end() && op == it->op ? &*it : nullptr;
}

std::vector<std::string> nativeOps() {
  std::vector<std::string> ops;
  for (const auto& info : table()) ops.emplace_back(info.op);
  return ops;
}

}  // namespace strata
