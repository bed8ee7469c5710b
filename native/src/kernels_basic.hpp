#pragma once
#include <vector>

#include "kernels.hpp"

namespace strata {
std::vector<OpInfo> basicOps();
std::vector<OpInfo> indicatorOps();
std::vector<OpInfo> patternOps();
}  // namespace strata
