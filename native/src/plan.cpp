#include "plan.hpp"

#include <cmath>
#include <set>

#include "jsnum.hpp"
#include "kernels.hpp"

namespace strata {

namespace {
constexpr double MAX_SAFE = 9007199254740991.0;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

bool fail(std::string& error, const std::string& sentence) {
  if (error.empty()) error = sentence;
  return false;
}

const char* kindOf(const json::Value* v) { return v ? json::describe(v->kind) : "missing"; }
}  // namespace

bool readInteger(const json::Value& object, const char* name, int64_t min, int64_t max, int64_t& out,
                 const std::string& where, std::string& error, bool required) {
  const json::Value* v = object.find(name);
  if (!v) {
    if (!required) return true;
    return fail(error, where + " has no \"" + name + "\" field.");
  }
  if (!v->isNumber() || v->number != std::floor(v->number) || v->number < static_cast<double>(min) ||
      v->number > static_cast<double>(max)) {
    return fail(error, where + ": \"" + name + "\" must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + "; it is " +
                           (v->isNumber() ? jsNumberText(v->number) : std::string(kindOf(v))) + ".");
  }
  out = static_cast<int64_t>(v->number);
  return true;
}

bool readNumber(const json::Value& object, const char* name, double& out, const std::string& where, std::string& error,
                bool required) {
  const json::Value* v = object.find(name);
  if (!v) {
    if (!required) return true;
    return fail(error, where + " has no \"" + name + "\" field.");
  }
  if (!v->isNumber() || !std::isfinite(v->number))
    return fail(error, where + ": \"" + name + "\" must be a finite number; it is " + kindOf(v) + ".");
  out = v->number;
  return true;
}

namespace {

class Reader {
 public:
  explicit Reader(Plan& plan) : plan_(plan) {}
  std::string error;

  bool read(const json::Value& root) {
    if (!root.isObject()) return fail(error, std::string("The plan must be a JSON object; it is ") + json::describe(root.kind) + ".");
    const json::Value* format = root.find("format");
    if (!format || !format->isString() || format->text != "strata.plan")
      return fail(error, "The plan's \"format\" must be \"strata.plan\".");
    int64_t version = 0;
    if (!readInteger(root, "version", 1, 1, version, "The plan", error)) return false;
    const json::Value* feeds = root.find("feeds");
    if (!feeds || !feeds->isArray() || feeds->items.empty())
      return fail(error, "The plan's \"feeds\" must be a list of at least one price feed.");
    for (size_t f = 0; f < feeds->items.size(); f++) {
      const auto& feed = feeds->items[f];
      const json::Value* symbol = feed.isObject() ? feed.find("symbol") : nullptr;
      const json::Value* timeframe = feed.isObject() ? feed.find("timeframe") : nullptr;
      if (!symbol || !symbol->isString() || !timeframe || !timeframe->isString())
        return fail(error, "Feed " + std::to_string(f + 1) + " of the plan needs a text \"symbol\" and \"timeframe\".");
    }
    if (feeds->items.size() > 1)
      return fail(error, "This plan reads more than one price feed; the engine runs plans on one feed only.");
    int64_t slots = 0;
    if (!readInteger(root, "slotCount", 6, MAX_SLOTS, slots, "The plan", error)) return false;
    plan_.slotCount = static_cast<int>(slots);
    written_.assign(static_cast<size_t>(slots), false);
    for (int s = 0; s < 6; s++) written_[s] = true;
    if (!readInteger(root, "warmup", 0, static_cast<int64_t>(MAX_SAFE), plan_.warmup, "The plan", error)) return false;
    return constants(root) && steps(root) && orders(root) && plots(root);
  }

 private:
  Plan& plan_;
  std::vector<bool> written_;

  const json::Value* list(const json::Value& root, const char* name) {
    const json::Value* v = root.find(name);
    if (!v || !v->isArray()) {
      fail(error, std::string("The plan's \"") + name + "\" must be a list.");
      return nullptr;
    }
    return v;
  }

  bool slot(const json::Value& object, const char* name, int& out, const std::string& where, bool required = true) {
    int64_t v = -1;
    if (!readInteger(object, name, 0, plan_.slotCount - 1, v, where, error, required)) {
      return false;
    }
    out = static_cast<int>(v);
    return true;
  }

  /** A slot a constant or step writes: never a feed slot, and written once. */
  bool claim(int s, const std::string& where) {
    if (s < 6) return fail(error, where + " writes slot " + std::to_string(s) + ", which holds the price feed.");
    if (written_[s]) return fail(error, where + " writes slot " + std::to_string(s) + ", which something before it already fills.");
    written_[s] = true;
    return true;
  }

  bool constants(const json::Value& root) {
    const json::Value* items = list(root, "constants");
    if (!items) return false;
    for (size_t k = 0; k < items->items.size(); k++) {
      const auto& item = items->items[k];
      std::string where = "Constant " + std::to_string(k + 1) + " of the plan";
      if (!item.isObject()) return fail(error, where + " must be an object.");
      int s = 0;
      double value = 0;
      if (!slot(item, "slot", s, where) || !readNumber(item, "value", value, where, error) || !claim(s, where)) return false;
      plan_.constants.emplace_back(s, value);
    }
    return true;
  }

  bool slotList(const json::Value& step, const char* name, std::vector<int>& out, const std::string& where) {
    const json::Value* v = step.find(name);
    if (!v || !v->isArray()) return fail(error, where + ": \"" + name + "\" must be a list of slots.");
    for (const auto& item : v->items) {
      if (!item.isNumber() || item.number != std::floor(item.number) || item.number < 0 || item.number >= plan_.slotCount)
        return fail(error, where + ": \"" + name + "\" holds " +
                               (item.isNumber() ? jsNumberText(item.number) : std::string(json::describe(item.kind))) +
                               ", which is not a slot from 0 to " + std::to_string(plan_.slotCount - 1) + ".");
      out.push_back(static_cast<int>(item.number));
    }
    return true;
  }

  bool steps(const json::Value& root) {
    const json::Value* items = list(root, "steps");
    if (!items) return false;
    for (size_t k = 0; k < items->items.size(); k++) {
      const auto& item = items->items[k];
      std::string where = "Step " + std::to_string(k + 1) + " of the plan";
      if (!item.isObject()) return fail(error, where + " must be an object.");
      PlanStep step;
      const json::Value* op = item.find("op");
      if (!op || !op->isString()) return fail(error, where + " has no text \"op\".");
      step.op = op->text;
      where += " (" + step.op + ")";
      const OpInfo* info = findOp(step.op);
      if (!info) {
        unsupported = true;
        return fail(error, "Step " + std::to_string(k + 1) + " of the plan uses " + quoted(step.op) +
                               ", which the native engine does not compute.");
      }
      const json::Value* params = item.find("params");
      if (!params || !params->isObject()) return fail(error, where + ": \"params\" must be an object.");
      step.params = *params;
      if (!slotList(item, "inputs", step.inputs, where) || !slotList(item, "outputs", step.outputs, where)) return false;
      if (static_cast<int>(step.inputs.size()) != info->inputs)
        return fail(error, where + " reads " + std::to_string(step.inputs.size()) + " input columns; " + step.op + " needs " +
                               std::to_string(info->inputs) + ".");
      if (static_cast<int>(step.outputs.size()) != info->outputs)
        return fail(error, where + " writes " + std::to_string(step.outputs.size()) + " output columns; " + step.op + " writes " +
                               std::to_string(info->outputs) + ".");
      for (int s : step.outputs)
        if (!claim(s, where)) return false;
      if (!readInteger(item, "start", 0, static_cast<int64_t>(MAX_SAFE / 4), step.start, where, error) ||
          !readInteger(item, "ready", 0, static_cast<int64_t>(MAX_SAFE / 4), step.ready, where, error))
        return false;
      plan_.steps.push_back(std::move(step));
    }
    return true;
  }

  bool distance(const json::Value& rule, const char* name, Distance& out, const std::string& where) {
    const json::Value* v = rule.find(name);
    if (!v) return true;
    std::string at = where + ": \"" + name + "\"";
    if (!v->isObject()) return fail(error, at + " must be an object.");
    const json::Value* mode = v->find("mode");
    if (!mode || !mode->isString()) return fail(error, at + " needs a \"mode\" of \"percent\", \"points\" or \"slot\".");
    if (mode->text == "slot") {
      out.mode = Distance::Mode::Slot;
      return slot(*v, "slot", out.slot, at);
    }
    if (mode->text != "percent" && mode->text != "points")
      return fail(error, at + " needs a \"mode\" of \"percent\", \"points\" or \"slot\".");
    out.mode = mode->text == "percent" ? Distance::Mode::Percent : Distance::Mode::Points;
    if (!readNumber(*v, "value", out.value, at, error)) return false;
    if (!(out.value > 0)) return fail(error, at + ": \"value\" must be above 0.");
    return true;
  }

  bool sizing(const json::Value& rule, Sizing& out, const std::string& where) {
    const json::Value* v = rule.find("sizing");
    if (!v) return true;
    std::string at = where + ": \"sizing\"";
    if (!v->isObject()) return fail(error, at + " must be an object.");
    const json::Value* mode = v->find("mode");
    struct Mode {
      const char* name;
      Sizing::Mode mode;
      const char* field;
      double max;
    };
    static const Mode modes[] = {{"fixedQuantity", Sizing::Mode::FixedQuantity, "quantity", INFINITY},
                                 {"fixedCash", Sizing::Mode::FixedCash, "cash", INFINITY},
                                 {"percentOfEquity", Sizing::Mode::PercentOfEquity, "percent", 1000},
                                 {"riskPercent", Sizing::Mode::RiskPercent, "percent", 100}};
    for (const auto& m : modes) {
      if (mode && mode->isString() && mode->text == m.name) {
        out.mode = m.mode;
        if (!readNumber(*v, m.field, out.amount, at, error)) return false;
        if (!(out.amount > 0) || out.amount > m.max)
          return fail(error, at + ": \"" + m.field + "\" must be above 0" +
                                 (std::isfinite(m.max) ? " and at most " + jsNumberText(m.max) : std::string()) + ".");
        return true;
      }
    }
    return fail(error, at + " needs a \"mode\" of \"fixedQuantity\", \"fixedCash\", \"percentOfEquity\" or \"riskPercent\".");
  }

  template <typename E>
  bool choice(const json::Value& rule, const char* name, const std::vector<const char*>& names, E& out,
              const std::string& where) {
    const json::Value* v = rule.find(name);
    if (v && v->isString()) {
      for (size_t k = 0; k < names.size(); k++) {
        if (v->text == names[k]) {
          out = static_cast<E>(k);
          return true;
        }
      }
    }
    std::string all;
    for (size_t k = 0; k < names.size(); k++) all += (k ? ", \"" : "\"") + std::string(names[k]) + "\"";
    return fail(error, where + ": \"" + name + "\" must be one of " + all + ".");
  }

  bool orders(const json::Value& root) {
    const json::Value* items = list(root, "orders");
    if (!items) return false;
    for (size_t k = 0; k < items->items.size(); k++) {
      const auto& item = items->items[k];
      std::string where = "Order rule " + std::to_string(k + 1) + " of the plan";
      if (!item.isObject()) return fail(error, where + " must be an object.");
      OrderRule rule;
      if (!choice(item, "action", {"enterLong", "enterShort", "exitLong", "exitShort", "exitAll", "reverse"}, rule.action, where) ||
          !slot(item, "when", rule.when, where) ||
          !choice(item, "orderType", {"market", "limit", "stop", "stopLimit"}, rule.orderType, where) ||
          !choice(item, "timeInForce", {"day", "gtc"}, rule.timeInForce, where) ||
          !slot(item, "limitPrice", rule.limitPrice, where, false) || !slot(item, "stopPrice", rule.stopPrice, where, false) ||
          !sizing(item, rule.sizing, where) || !distance(item, "stopLoss", rule.stopLoss, where) ||
          !distance(item, "takeProfit", rule.takeProfit, where) || !distance(item, "trailingStop", rule.trailingStop, where) ||
          !readInteger(item, "exitAfterBars", 1, static_cast<int64_t>(MAX_SAFE / 4), rule.exitAfterBars, where, error, false) ||
          !readInteger(item, "maxOpenPositions", 1, static_cast<int64_t>(MAX_SAFE / 4), rule.maxOpenPositions, where, error, false) ||
          !readInteger(item, "cooldownBars", 1, static_cast<int64_t>(MAX_SAFE / 4), rule.cooldownBars, where, error, false))
        return false;
      plan_.orders.push_back(rule);
    }
    return true;
  }

  bool plots(const json::Value& root) {
    const json::Value* items = list(root, "plots");
    if (!items) return false;
    for (size_t k = 0; k < items->items.size(); k++) {
      const auto& item = items->items[k];
      std::string where = "Plot " + std::to_string(k + 1) + " of the plan";
      if (!item.isObject()) return fail(error, where + " must be an object.");
      int s = 0;
      if (!slot(item, "slot", s, where)) return false;
      plan_.plots.push_back(s);
    }
    return true;
  }

 public:
  bool unsupported = false;
};

}  // namespace

PlanResult readPlan(const json::Value& value) {
  PlanResult result;
  Reader reader(result.plan);
  result.ok = reader.read(value);
  result.error = reader.error;
  result.unsupportedOp = reader.unsupported;
  return result;
}

PlanResult readPlan(const std::string& text) {
  if (text.size() > MAX_PLAN_BYTES) {
    PlanResult result;
    result.error = "The plan is larger than " + std::to_string(MAX_PLAN_BYTES >> 20) + " MB; no strategy needs that much.";
    return result;
  }
  json::ParseResult parsed = json::parse(text);
  if (!parsed.ok) {
    PlanResult result;
    result.error = "The plan is not valid JSON. " + parsed.error;
    return result;
  }
  return readPlan(parsed.value);
}

}  // namespace strata
