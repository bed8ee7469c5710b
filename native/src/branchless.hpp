// Selects written as bit masks where the compiler would otherwise branch on a coin toss.
#pragma once
#include <cstdint>
#include <cstring>

namespace strata {

/**
 * x when x < 0, else +0 (a NaN too), by masking its bits: the compiler turns a select on the sign of
 * a price change or a return into a branch, which mispredicts on every other bar.
 */
inline double negativePart(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  bits &= -static_cast<uint64_t>(x < 0);
  std::memcpy(&x, &bits, sizeof bits);
  return x;
}

}  // namespace strata
