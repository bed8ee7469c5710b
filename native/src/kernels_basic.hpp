#pragma once
#include <vector>

#include "kernels.hpp"

namespace strata {
std::vector<OpInfo> basicOps();
std::vector<OpInfo> indicatorOps();
}  // namespace strata
