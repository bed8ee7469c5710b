// Times the core without Node: bench_driver <plan.json> <bars.f64> [repeats]
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine.hpp"

using namespace strata;

int main(int argc, char** argv) {
  if (argc < 3) return 2;
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
  for (int r = 0; r < repeats; r++) {
    std::clock_t c0 = std::clock();
    BatchResult result = runBatch(read.plan, bars, n, settings, buffers);
    double s = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf("%.2f ms, %.1fM bars/s, fills %zu, final %.2f\n", s * 1e3, n / s / 1e6, result.fills.size(), result.metrics.finalEquity);
    recycle(std::move(result));
  }
}
