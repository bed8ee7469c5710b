// JavaScript's number semantics where C++ differs: Math.round (halves toward +∞), `%` and the
// shortest round-trip text of Number.prototype.toString. The engines must agree to the last bit.
#pragma once
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace strata {

/** Math.round: the nearest integer, halves rounded up; keeps -0 for values in [-0.5, -0]. */
inline double jsRound(double x) {
  // V8's own steps: ceil, then step down when that overshoots by more than a half.
  if (!std::isfinite(x)) return x;
  double r = std::ceil(x);
  if (r - 0.5 > x) r -= 1.0;
  return r;
}

/** Number.prototype.toString() for finite and non-finite numbers. */
inline std::string jsNumberText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci looks like "-d.ddddde±XX"
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // ECMAScript's n: the decimal point sits after n digits
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(-n, '0') + digits;
  } else {
    std::string exp = (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
    out = digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" + exp;
  }
  return negative ? "-" + out : out;
}

/** The digits and exponent of a number's shortest round-trip form, as toExponential() gives them. */
inline int jsDecimalsOf(double step) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, step, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::stoi(sci.substr(e + 1));
  size_t dot = mantissa.find('.');
  int fraction = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  int d = fraction - exponent;
  return d > 0 ? d : 0;
}

}  // namespace strata
