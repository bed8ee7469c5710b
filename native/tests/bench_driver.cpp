// Times the core without Node: bench_driver <plan.json> <bars.f64> [repeats]
//
// Build (the addon's flags, without Node), from the repository root:
//   g++ -std=c++20 -O3 -fno-math-errno -fexceptions -fno-omit-frame-pointer -pthread -Inative/src
//     native/tests/bench_driver.cpp native/src/*.cpp -o /tmp/bench_driver
// Inputs: the bench's 5-indicator plan as the binding receives it, and its first 1M synthetic bars
// as six float64 columns one after another (time, open, high, low, close, volume):
//   npx tsx -e 'import { writeFileSync } from "node:fs"; import { sliceBars } from "@/engine-runtime/data/bars";
//     import { syntheticBars } from "@/engine-runtime/data/synthetic"; import { planSchema } from "@/engine-runtime/plan/schema";
//     import { catalogue } from "@/nodes/catalogue"; import { fiveIndicators } from "@/bench/engine.bench";
//     const p = planSchema.parse(fiveIndicators());
//     writeFileSync("/tmp/plan5.json", JSON.stringify({ ...p, steps: p.steps.map((s) => ({ ...s,
//       params: catalogue.lookup(s.op).definition.params.parse(s.params) })) }));
//     const b = sliceBars(syntheticBars({ count: 10_000_000, seed: 2024, intervalMs: 60_000, volatility: 0.3 }), 0, 1_000_000);
//     writeFileSync("/tmp/bars.bin", Buffer.concat(["time", "open", "high", "low", "close", "volume"].map((f) =>
//       Buffer.from(b[f].buffer, b[f].byteOffset, b[f].byteLength))));'
// Run: /tmp/bench_driver /tmp/plan5.json /tmp/bars.bin 9
// The first run (lists and columns grown from empty) is not timed. The digest covers equity,
// metrics and every list, so two builds that must agree to the bit print the same one.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine.hpp"

using namespace strata;

namespace {

/** FNV-1a over the bytes of each value, field by field (struct padding is not hashed). */
struct Digest {
  uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (size_t k = 0; k < n; k++) h = (h ^ c[k]) * 1099511628211ull;
  }
  void number(double x) { bytes(&x, sizeof x); }
  void integer(int64_t x) { bytes(&x, sizeof x); }
};

uint64_t digestOf(const BatchResult& r, const double* equity, int64_t n) {
  Digest d;
  d.bytes(equity, sizeof(double) * static_cast<size_t>(n));
  const double* metrics = metricValues(r.metrics);
  for (int k = 0; k < 21; k++) d.number(metrics[k]);
  for (const auto* list : {&r.trades, &r.openTrades})
    for (const Trade& t : *list) {
      d.integer(t.longSide);
      d.integer(t.entryBar);
      d.number(t.entryTime);
      d.number(t.entryPrice);
      d.integer(t.exitBar);
      d.number(t.exitTime);
      d.number(t.exitPrice);
      d.number(t.quantity);
      d.number(t.pnl);
      d.number(t.returnPercent);
      d.number(t.commission);
      d.integer(t.barsHeld);
      d.integer(static_cast<int>(t.exitReason));
    }
  for (const Fill& f : r.fills) {
    d.integer(f.bar);
    d.number(f.time);
    d.integer(f.orderId);
    d.integer(f.buy);
    d.number(f.quantity);
    d.number(f.price);
    d.number(f.commission);
    d.integer(static_cast<int>(f.purpose));
  }
  for (const OrderTicket& o : r.orders) {
    d.integer(o.id);
    d.integer(o.rule);
    d.integer(static_cast<int>(o.action));
    d.integer(static_cast<int>(o.orderType));
    d.integer(static_cast<int>(o.timeInForce));
    d.number(o.limitPrice);
    d.number(o.stopPrice);
    d.integer(static_cast<int>(o.purpose));
    d.integer(o.createdBar);
    d.integer(static_cast<int>(o.status));
  }
  for (const OrderEvent& e : r.events) {
    d.integer(e.bar);
    d.number(e.time);
    d.integer(e.orderId);
    d.integer(static_cast<int>(e.status));
    d.integer(e.reason);
  }
  for (const std::string& reason : r.reasons) d.bytes(reason.data(), reason.size());
  for (double v : r.holdings) d.number(v);
  return d.h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_driver <plan.json> <bars.f64> [repeats]\n");
    return 2;
  }
  std::ifstream planFile(argv[1]);
  std::stringstream text;
  text << planFile.rdbuf();
  PlanResult read = readPlan(text.str());
  if (!read.ok) {
    std::fprintf(stderr, "%s\n", read.error.c_str());
    return 1;
  }
  std::vector<double> all;
  {
    std::ifstream f(argv[2], std::ios::binary | std::ios::ate);
    size_t bytes = f.tellg();
    f.seekg(0);
    all.resize(bytes / 8);
    f.read(reinterpret_cast<char*>(all.data()), bytes);
  }
  int64_t n = all.size() / 6;
  const double* bars[6];
  for (int c = 0; c < 6; c++) bars[c] = all.data() + c * n;
  Settings settings;
  settings.initialCash = 1e9;
  std::vector<double> equity(n);
  BatchBuffers buffers;
  buffers.equity = equity.data();
  int repeats = argc > 3 ? std::atoi(argv[3]) : 5;
  std::vector<double> ms;
  for (int r = 0; r <= repeats; r++) {
    auto started = std::chrono::steady_clock::now();
    BatchResult result = runBatch(read.plan, bars, n, settings, buffers);
    double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!result.ok) {
      std::fprintf(stderr, "%s\n", result.error.c_str());
      return 1;
    }
    if (r > 0) ms.push_back(elapsed);
    std::printf("%s%.2f ms, %.1fM bars/s, fills %zu, final %.2f, digest %016llx\n", r == 0 ? "(untimed) " : "", elapsed,
                n / elapsed / 1e3, result.fills.size(), result.metrics.finalEquity,
                static_cast<unsigned long long>(digestOf(result, equity.data(), n)));
    recycle(std::move(result));
  }
  if (!ms.empty()) {
    std::sort(ms.begin(), ms.end());
    std::printf("median %.2f ms, min %.2f ms per run of %lld bars\n", ms[ms.size() / 2], ms.front(), static_cast<long long>(n));
  }
}
