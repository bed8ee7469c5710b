// Node-API glue for the native core (native/src). Every argument is checked here before the core
// sees it; a wrong call throws a JS Error whose message is a sentence, never a crash.
#include <napi.h>

#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine.hpp"
#include "jsnum.hpp"

using namespace strata;

namespace {

constexpr size_t MAX_BARS = size_t{1} << 28;

[[noreturn]] void fail(Napi::Env env, const std::string& sentence, const char* code = "STRATA_NATIVE_ARGUMENT") {
  Napi::Error error = Napi::Error::New(env, sentence);
  error.Set("code", Napi::String::New(env, code));
  throw error;
}

std::string stringArgument(const Napi::CallbackInfo& info, size_t index, const char* what) {
  if (info.Length() <= index || !info[index].IsString())
    fail(info.Env(), std::string("The ") + what + " must be given as a JSON string.");
  return info[index].As<Napi::String>().Utf8Value();
}

Plan planArgument(const Napi::CallbackInfo& info, size_t index) {
  std::string text = stringArgument(info, index, "plan");
  PlanResult read = readPlan(text);
  if (!read.ok) fail(info.Env(), read.error, read.unsupportedOp ? "STRATA_UNSUPPORTED_OP" : "STRATA_INVALID_PLAN");
  return std::move(read.plan);
}

Settings settingsArgument(const Napi::CallbackInfo& info, size_t index) {
  Settings settings;
  if (info.Length() <= index || info[index].IsUndefined()) return settings;
  std::string text = stringArgument(info, index, "run settings");
  if (text.size() > (1u << 20)) fail(info.Env(), "The run settings are larger than 1 MB.");
  json::ParseResult parsed = json::parse(text, 8);
  if (!parsed.ok) fail(info.Env(), "The run settings are not valid JSON. " + parsed.error);
  std::string error;
  if (!readSettings(parsed.value, settings, error)) fail(info.Env(), error);
  return settings;
}

/** Bar columns: six Float64Arrays of one length (finite, with rising times, once checked). */
struct Bars {
  const double* columns[6];
  int64_t n = 0;
};

/** The bars argument's columns; their values too when `checkValues` (runBatch checks its own as it goes). */
Bars barsArgument(const Napi::CallbackInfo& info, size_t index, bool checkValues = true) {
  Napi::Env env = info.Env();
  static const char* const names[6] = {"time", "open", "high", "low", "close", "volume"};
  if (info.Length() <= index || !info[index].IsObject() || info[index].IsArray())
    fail(env, "The bars must be an object with time, open, high, low, close and volume columns.");
  Napi::Object object = info[index].As<Napi::Object>();
  Bars bars;
  for (int c = 0; c < 6; c++) {
    Napi::Value column = object.Get(names[c]);
    if (!column.IsTypedArray() || column.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
      fail(env, std::string("The bars' ") + names[c] + " column must be a Float64Array.");
    Napi::Float64Array values = column.As<Napi::Float64Array>();
    size_t length = values.ElementLength();
    if (length > MAX_BARS) fail(env, std::string("The bars' ") + names[c] + " column holds more than 268435456 bars.");
    if (c == 0) bars.n = static_cast<int64_t>(length);
    else if (static_cast<int64_t>(length) != bars.n)
      fail(env, std::string("The bar columns differ in length: time has ") + std::to_string(bars.n) + " values but " + names[c] +
                    " has " + std::to_string(length) + "; every field needs one value per bar.");
    bars.columns[c] = values.Data();
  }
  std::string error;
  if (checkValues && !checkBars(bars.columns, 0, bars.n, error)) fail(env, error);
  return bars;
}

Napi::Value number(Napi::Env env, double v) { return Napi::Number::New(env, v); }

Napi::Object metricsObject(Napi::Env env, const Metrics& metrics) {
  Napi::Object object = Napi::Object::New(env);
  const double* values = metricValues(metrics);
  for (int k = 0; k < 21; k++) object.Set(METRIC_NAMES[k], number(env, values[k]));
  return object;
}

Napi::Object orderObject(Napi::Env env, const OrderTicket& t) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("id", number(env, static_cast<double>(t.id)));
  o.Set("rule", number(env, t.rule));
  o.Set("action", actionName(t.action));
  o.Set("orderType", orderTypeName(t.orderType));
  o.Set("timeInForce", t.timeInForce == TimeInForce::Day ? "day" : "gtc");
  o.Set("limitPrice", std::isnan(t.limitPrice) ? env.Null() : number(env, t.limitPrice));
  o.Set("stopPrice", std::isnan(t.stopPrice) ? env.Null() : number(env, t.stopPrice));
  o.Set("purpose", purposeName(t.purpose));
  o.Set("createdBar", number(env, static_cast<double>(t.createdBar)));
  o.Set("status", statusName(t.status));
  return o;
}

/**
 * Trades, fills, orders and events as flat Float64Arrays, a fixed number of numbers per item:
 * creating JS objects field by field through Node-API costs far more than the backtest, while
 * engine-runtime/native/packed.ts turns these into objects with V8's fast literal shapes.
 * Enumerations travel as their index in the name lists exported as `names`.
 */
Napi::Object packLists(Napi::Env env, const std::vector<Trade>& trades, const std::vector<Trade>& open,
                       const std::vector<Fill>& fills, const std::vector<OrderTicket>& orders,
                       const std::vector<OrderEvent>& events, const std::vector<std::string>& reasonTexts) {
  auto packTrades = [&](const std::vector<Trade>& items) {
    Napi::Float64Array a = Napi::Float64Array::New(env, items.size() * 13);
    double* d = a.Data();
    for (const Trade& t : items) {
      *d++ = t.longSide ? 1 : -1;
      *d++ = static_cast<double>(t.entryBar);
      *d++ = t.entryTime;
      *d++ = t.entryPrice;
      *d++ = static_cast<double>(t.exitBar);
      *d++ = t.exitTime;
      *d++ = t.exitPrice;
      *d++ = t.quantity;
      *d++ = t.pnl;
      *d++ = t.returnPercent;
      *d++ = t.commission;
      *d++ = static_cast<double>(t.barsHeld);
      *d++ = static_cast<double>(t.exitReason);
    }
    return a;
  };
  Napi::Float64Array packedFills = Napi::Float64Array::New(env, fills.size() * 8);
  double* d = packedFills.Data();
  for (const Fill& f : fills) {
    *d++ = static_cast<double>(f.bar);
    *d++ = f.time;
    *d++ = static_cast<double>(f.orderId);
    *d++ = f.buy ? 1 : 0;
    *d++ = f.quantity;
    *d++ = f.price;
    *d++ = f.commission;
    *d++ = static_cast<double>(f.purpose);
  }
  Napi::Float64Array packedOrders = Napi::Float64Array::New(env, orders.size() * 10);
  d = packedOrders.Data();
  for (const OrderTicket& t : orders) {
    *d++ = static_cast<double>(t.id);
    *d++ = t.rule;
    *d++ = static_cast<double>(t.action);
    *d++ = static_cast<double>(t.orderType);
    *d++ = static_cast<double>(t.timeInForce);
    *d++ = t.limitPrice;
    *d++ = t.stopPrice;
    *d++ = static_cast<double>(t.purpose);
    *d++ = static_cast<double>(t.createdBar);
    *d++ = static_cast<double>(t.status);
  }
  Napi::Float64Array packedEvents = Napi::Float64Array::New(env, events.size() * 5);
  d = packedEvents.Data();
  for (const OrderEvent& e : events) {
    *d++ = static_cast<double>(e.bar);
    *d++ = e.time;
    *d++ = static_cast<double>(e.orderId);
    *d++ = static_cast<double>(e.status);
    *d++ = e.reason;
  }
  Napi::Array reasons = Napi::Array::New(env, reasonTexts.size());
  for (size_t k = 0; k < reasonTexts.size(); k++) reasons.Set(static_cast<uint32_t>(k), reasonTexts[k]);
  Napi::Object out = Napi::Object::New(env);
  out.Set("trades", packTrades(trades));
  out.Set("openTrades", packTrades(open));
  out.Set("fills", packedFills);
  out.Set("orders", packedOrders);
  out.Set("events", packedEvents);
  out.Set("reasons", reasons);
  return out;
}

Napi::Float64Array copyOf(Napi::Env env, const std::vector<double>& values) {
  Napi::Float64Array array = Napi::Float64Array::New(env, values.size());
  std::copy(values.begin(), values.end(), array.Data());
  return array;
}

/** Runs `body`, turning C++ failures (out of memory, ...) into JS errors with a sentence. */
template <typename F>
Napi::Value guarded(const Napi::CallbackInfo& info, F body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    fail(info.Env(), "The native engine ran out of memory for this run; try fewer bars or a smaller plan.", "STRATA_NATIVE_MEMORY");
  } catch (const std::exception& e) {
    fail(info.Env(), std::string("The native engine failed: ") + e.what() + ".", "STRATA_NATIVE_FAILURE");
  }
}

/** runBatch(planJson, bars, settingsJson?) → the columns, lists and metrics of a BacktestResult. */
Napi::Value RunBatch(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    Plan plan = planArgument(info, 0);
    Bars bars = barsArgument(info, 1, false);
    Settings settings = settingsArgument(info, 2);
    size_t n = static_cast<size_t>(bars.n);
    Napi::Float64Array equity = Napi::Float64Array::New(env, n);
    Napi::Array plots = Napi::Array::New(env, plan.plots.size());
    BatchBuffers buffers;
    buffers.equity = equity.Data();
    for (size_t p = 0; p < plan.plots.size(); p++) {
      Napi::Float64Array values = Napi::Float64Array::New(env, n);
      plots.Set(static_cast<uint32_t>(p), values);
      buffers.plots.push_back(values.Data());
    }
    BatchResult result = runBatch(plan, bars.columns, bars.n, settings, buffers);
    if (!result.ok) fail(env, result.error, result.badBars ? "STRATA_NATIVE_ARGUMENT" : "STRATA_INVALID_PLAN");
    Napi::Object out = Napi::Object::New(env);
    out.Set("bars", number(env, static_cast<double>(n)));
    out.Set("equity", equity);
    out.Set("holdings", copyOf(env, result.holdings));
    out.Set("plots", plots);
    out.Set("metrics", metricsObject(env, result.metrics));
    out.Set("lists", packLists(env, result.trades, result.openTrades, result.fills, result.orders, result.events, result.reasons));
    recycle(std::move(result));
    return out;
  });
}

/** A streaming session: pushBar(time, open, high, low, close, volume) → what the bar did. */
class StreamSession : public Napi::ObjectWrap<StreamSession> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeStream",
                       {InstanceMethod("pushBar", &StreamSession::PushBar), InstanceMethod("packLast", &StreamSession::PackLast),
                        InstanceMethod("eventReason", &StreamSession::EventReason), InstanceMethod("order", &StreamSession::Order),
                        InstanceMethod("result", &StreamSession::Result)});
  }

  StreamSession(const Napi::CallbackInfo& info) : Napi::ObjectWrap<StreamSession>(info) {
    guarded(info, [&]() -> Napi::Value {
      Plan plan = planArgument(info, 0);
      Settings settings = settingsArgument(info, 1);
      std::string error;
      stream_ = Stream::create(plan, settings, error);
      if (!stream_) fail(info.Env(), error, "STRATA_INVALID_PLAN");
      return info.Env().Undefined();
    });
  }

 private:
  std::unique_ptr<Stream> stream_;
  Stream::Outcome last_{};

  /**
   * pushBar(time, open, high, low, close, volume, out) → how many numbers of `out` (a Float64Array)
   * describe what the bar did, or minus the size needed when `out` is too small (then call
   * packLast with a larger one). Numbers, not objects: building JS objects here cost more than
   * the bar itself. Layout: bar, time, equity, position, event count, fill count, then each event
   * (bar, time, orderId, status, the number of its reason for eventReason, else −1) and
   * each fill (bar, time, orderId, 1 buy / 0 sell, quantity, price, commission, purpose).
   */
  Napi::Value PushBar(const Napi::CallbackInfo& info) {
    return guarded(info, [&]() -> Napi::Value {
      Napi::Env env = info.Env();
      static const char* const names[6] = {"time", "open", "high", "low", "close", "volume"};
      double bar[6];
      for (size_t c = 0; c < 6; c++) {
        if (info.Length() <= c || !info[c].IsNumber())
          fail(env, std::string("A bar pushed to the stream needs six numbers (time, open, high, low, close, volume); the ") + names[c] + " is not a number.");
        bar[c] = info[c].As<Napi::Number>().DoubleValue();
      }
      Napi::Float64Array out = outputArgument(info, 6);
      std::string error;
      if (!stream_->pushBar(bar, last_, error)) fail(env, error);
      return number(env, pack(out));
    });
  }

  /** Writes the last bar's outcome again into a larger `out`; same result as pushBar. */
  Napi::Value PackLast(const Napi::CallbackInfo& info) {
    return guarded(info, [&]() -> Napi::Value { return number(info.Env(), pack(outputArgument(info, 0))); });
  }

  /** The reason numbered `index` in a packed event of the session, or undefined. */
  Napi::Value EventReason(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const auto& reasons = stream_->broker().reasons;
    if (info.Length() < 1 || !info[0].IsNumber()) return env.Undefined();
    double index = info[0].As<Napi::Number>().DoubleValue();
    if (!(index >= 0) || index >= static_cast<double>(reasons.size()) || index != std::floor(index)) return env.Undefined();
    return Napi::String::New(env, reasons[static_cast<size_t>(index)]);
  }

  static Napi::Float64Array outputArgument(const Napi::CallbackInfo& info, size_t index) {
    if (info.Length() <= index || !info[index].IsTypedArray() ||
        info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
      fail(info.Env(), "The stream needs a Float64Array to write each bar's outcome into.");
    return info[index].As<Napi::Float64Array>();
  }

  double pack(Napi::Float64Array out) {
    const Broker& broker = stream_->broker();
    size_t events = broker.events.size() - last_.eventsFrom;
    size_t fills = broker.fills.size() - last_.fillsFrom;
    size_t needed = 6 + 5 * events + 8 * fills;
    if (out.ElementLength() < needed) return -static_cast<double>(needed);
    double* o = out.Data();
    o[0] = static_cast<double>(last_.bar);
    o[1] = last_.time;
    o[2] = last_.equity;
    o[3] = last_.position;
    o[4] = static_cast<double>(events);
    o[5] = static_cast<double>(fills);
    double* w = o + 6;
    for (size_t k = last_.eventsFrom; k < broker.events.size(); k++, w += 5) {
      const OrderEvent& e = broker.events[k];
      w[0] = static_cast<double>(e.bar);
      w[1] = e.time;
      w[2] = static_cast<double>(e.orderId);
      w[3] = static_cast<double>(e.status);
      w[4] = e.reason;
    }
    for (size_t k = last_.fillsFrom; k < broker.fills.size(); k++, w += 8) {
      const Fill& f = broker.fills[k];
      w[0] = static_cast<double>(f.bar);
      w[1] = f.time;
      w[2] = static_cast<double>(f.orderId);
      w[3] = f.buy ? 1 : 0;
      w[4] = f.quantity;
      w[5] = f.price;
      w[6] = f.commission;
      w[7] = static_cast<double>(f.purpose);
    }
    return static_cast<double>(needed);
  }

  /** The ticket of order `id` (1-based), or undefined. */
  Napi::Value Order(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const auto& orders = stream_->broker().orders;
    if (info.Length() < 1 || !info[0].IsNumber()) return env.Undefined();
    double id = info[0].As<Napi::Number>().DoubleValue();
    if (!(id >= 1) || id > static_cast<double>(orders.size()) || id != std::floor(id)) return env.Undefined();
    return orderObject(env, orders[static_cast<size_t>(id) - 1]);
  }

  Napi::Value Result(const Napi::CallbackInfo& info) {
    return guarded(info, [&]() -> Napi::Value {
      Napi::Env env = info.Env();
      const Stream& s = *stream_;
      int64_t n = s.length();
      auto copy = [&](const double* values) {
        Napi::Float64Array array = Napi::Float64Array::New(env, static_cast<size_t>(n));
        if (n > 0) std::copy(values, values + n, array.Data());
        return array;
      };
      Napi::Float64Array equity = copy(s.equity());
      Napi::Array plots = Napi::Array::New(env, s.plan().plots.size());
      for (size_t p = 0; p < s.plan().plots.size(); p++) plots.Set(static_cast<uint32_t>(p), copy(s.column(s.plan().plots[p])));
      const Broker& broker = s.broker();
      Metrics metrics = computeMetrics(s.column(0), s.equity(), s.settings().initialCash, broker);
      std::vector<Trade> open = n > 0 ? broker.openTrades(s.column(4)[n - 1], n - 1, s.column(0)[n - 1]) : std::vector<Trade>{};
      Napi::Object out = Napi::Object::New(env);
      out.Set("bars", number(env, static_cast<double>(n)));
      out.Set("time", copy(s.column(0)));
      out.Set("equity", equity);
      out.Set("holdings", copyOf(env, broker.holdings));
      out.Set("plots", plots);
      out.Set("metrics", metricsObject(env, metrics));
      out.Set("lists", packLists(env, broker.trades, open, broker.fills, broker.orders, broker.events, broker.reasons));
      return out;
    });
  }
};

/** Runs a sweep off the JS thread; the bars are copied so the caller may reuse its arrays meanwhile. */
class SweepWorker : public Napi::AsyncWorker {
 public:
  SweepWorker(Napi::Env env, std::vector<Plan> plans, const Bars& bars, Settings settings, unsigned workers)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), plans_(std::move(plans)), settings_(settings),
        workers_(workers), n_(bars.n) {
    for (int c = 0; c < 6; c++) columns_[c].assign(bars.columns[c], bars.columns[c] + bars.n);
  }
  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      const double* bars[6];
      for (int c = 0; c < 6; c++) bars[c] = columns_[c].data();
      outcomes_ = runSweep(plans_, bars, n_, settings_, workers_);
    } catch (const std::exception& e) {
      SetError(std::string("The native sweep failed: ") + e.what() + ".");
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Array array = Napi::Array::New(env, outcomes_.size());
    for (size_t k = 0; k < outcomes_.size(); k++) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("ok", Napi::Boolean::New(env, outcomes_[k].ok));
      if (outcomes_[k].ok) o.Set("metrics", metricsObject(env, outcomes_[k].metrics));
      else o.Set("error", outcomes_[k].error);
      array.Set(static_cast<uint32_t>(k), o);
    }
    deferred_.Resolve(array);
  }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::vector<Plan> plans_;
  Settings settings_;
  unsigned workers_;
  int64_t n_;
  std::vector<double> columns_[6];
  std::vector<SweepOutcome> outcomes_;
};

/** runSweep(planJsons[], bars, settingsJson?, workers?) → Promise of [{ok, metrics} | {ok: false, error}]. */
Napi::Value RunSweep(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsArray()) fail(env, "The sweep needs a list of plans, each a JSON string.");
    Napi::Array items = info[0].As<Napi::Array>();
    if (items.Length() > 1000000) fail(env, "The sweep lists more than 1000000 plans.");
    std::vector<Plan> plans;
    plans.reserve(items.Length());
    for (uint32_t k = 0; k < items.Length(); k++) {
      Napi::Value item = items.Get(k);
      if (!item.IsString()) fail(env, "Plan " + std::to_string(k + 1) + " of the sweep is not a JSON string.");
      PlanResult read = readPlan(item.As<Napi::String>().Utf8Value());
      if (!read.ok)
        fail(env, "Plan " + std::to_string(k + 1) + " of the sweep: " + read.error,
             read.unsupportedOp ? "STRATA_UNSUPPORTED_OP" : "STRATA_INVALID_PLAN");
      plans.push_back(std::move(read.plan));
    }
    Bars bars = barsArgument(info, 1);
    Settings settings = settingsArgument(info, 2);
    unsigned workers = 0;
    if (info.Length() > 3 && !info[3].IsUndefined()) {
      if (!info[3].IsNumber()) fail(env, "The sweep's worker count must be a number.");
      double w = info[3].As<Napi::Number>().DoubleValue();
      if (!(w >= 0) || w > 256 || w != std::floor(w)) fail(env, "The sweep's worker count must be a whole number from 0 (all cores) to 256.");
      workers = static_cast<unsigned>(w);
    }
    auto* worker = new SweepWorker(env, std::move(plans), bars, settings, workers);
    Napi::Promise promise = worker->promise();
    worker->Queue();
    return promise;
  });
}

/** checkPlan(planJson) → {ok: true} | {ok: false, unsupportedOp, error}: the plan reader alone. */
Napi::Value CheckPlan(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string text = stringArgument(info, 0, "plan");
    PlanResult read = readPlan(text);
    std::string error = read.error;
    if (read.ok) {
      auto program = Program::create(read.plan, error);
      read.ok = program != nullptr;
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("ok", Napi::Boolean::New(env, read.ok));
    if (!read.ok) {
      out.Set("unsupportedOp", Napi::Boolean::New(env, read.unsupportedOp));
      out.Set("error", error);
    }
    return out;
  });
}

/** runKernel(op, paramsJson, inputs: Float64Array[], start?) → the op's output columns over every bar. */
Napi::Value RunKernel(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string op = stringArgument(info, 0, "op");
    const OpInfo* found = findOp(op);
    if (!found) fail(env, "The native engine does not compute \"" + op + "\".", "STRATA_UNSUPPORTED_OP");
    json::ParseResult params = json::parse(stringArgument(info, 1, "params"), 8);
    if (!params.ok) fail(env, "The params are not valid JSON. " + params.error);
    if (info.Length() < 3 || !info[2].IsArray()) fail(env, "The inputs must be a list of Float64Arrays.");
    Napi::Array list = info[2].As<Napi::Array>();
    if (static_cast<int>(list.Length()) != found->inputs)
      fail(env, op + " reads " + std::to_string(found->inputs) + " input columns; " + std::to_string(list.Length()) + " were given.");
    int64_t start = 0;
    if (info.Length() > 3 && !info[3].IsUndefined()) {
      double s = info[3].IsNumber() ? info[3].As<Napi::Number>().DoubleValue() : -1;
      if (!(s >= 0) || s != std::floor(s) || s > 1e15) fail(env, "The start must be a whole number of bars, 0 or more.");
      start = static_cast<int64_t>(s);
    }
    std::vector<double*> inputs;
    size_t n = 0;
    for (uint32_t k = 0; k < list.Length(); k++) {
      Napi::Value column = list.Get(k);
      if (!column.IsTypedArray() || column.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
        fail(env, "Input " + std::to_string(k + 1) + " must be a Float64Array.");
      Napi::Float64Array values = column.As<Napi::Float64Array>();
      if (k == 0) n = values.ElementLength();
      else if (values.ElementLength() != n) fail(env, "The input columns differ in length.");
      inputs.push_back(values.Data());
    }
    if (n > MAX_BARS) fail(env, "The inputs hold more than 268435456 bars.");
    Params reader(params.value, op);
    std::unique_ptr<Kernel> kernel = found->make(reader, start);
    if (!reader.ok() || !kernel) fail(env, reader.error());
    Napi::Array outputs = Napi::Array::New(env, found->outputs);
    std::vector<double*> into;
    for (int k = 0; k < found->outputs; k++) {
      Napi::Float64Array column = Napi::Float64Array::New(env, n);
      outputs.Set(static_cast<uint32_t>(k), column);
      into.push_back(column.Data());
    }
    kernel->run(inputs.data(), into.data(), 0, static_cast<int64_t>(n));
    return outputs;
  });
}

Napi::Value Ops(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<std::string> ops = nativeOps();
  Napi::Array array = Napi::Array::New(env, ops.size());
  for (size_t k = 0; k < ops.size(); k++) array.Set(static_cast<uint32_t>(k), ops[k]);
  return array;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("runBatch", Napi::Function::New(env, RunBatch));
  exports.Set("runSweep", Napi::Function::New(env, RunSweep));
  exports.Set("runKernel", Napi::Function::New(env, RunKernel));
  exports.Set("checkPlan", Napi::Function::New(env, CheckPlan));
  exports.Set("ops", Napi::Function::New(env, Ops));
  exports.Set("NativeStream", StreamSession::Define(env));
  Napi::Object names = Napi::Object::New(env);
  auto nameList = [&](const char* key, int count, auto name) {
    Napi::Array array = Napi::Array::New(env, count);
    for (int k = 0; k < count; k++) array.Set(static_cast<uint32_t>(k), name(k));
    names.Set(key, array);
  };
  nameList("action", 5, [](int k) { return actionName(static_cast<BrokerAction>(k)); });
  nameList("orderType", 4, [](int k) { return orderTypeName(static_cast<OrderType>(k)); });
  nameList("timeInForce", 2, [](int k) { return k == 0 ? "day" : "gtc"; });
  nameList("purpose", 8, [](int k) { return purposeName(static_cast<Purpose>(k)); });
  nameList("status", 6, [](int k) { return statusName(static_cast<Status>(k)); });
  exports.Set("names", names);
  exports.Set("hardwareConcurrency", Napi::Number::New(env, std::max(1u, std::thread::hardware_concurrency())));
  return exports;
}

}  // namespace

NODE_API_MODULE(strata_native, Init)
