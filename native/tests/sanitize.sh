#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer run of the native engine's differential and fuzz
# suites (engine-runtime/native/*.test.ts). The addon is compiled with the sanitizers into
# native/build-sanitize/, then Node runs the suites with libasan preloaded (Node itself is not
# instrumented, so ASan must come first in the process) and STRATA_NATIVE_ADDON pointing at it.
# Any sanitizer report aborts the process, which fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=native/build-sanitize
mkdir -p "$out"
node_headers=$(node -p "require('path').join(process.config.variables.node_prefix || '/usr', 'include', 'node')")
[[ -f "$node_headers/node_api.h" ]] || node_headers=/usr/include/node
addon_api=$(node -p "require('node-addon-api').include_dir")

echo "==> building $out/strata_native.node with -fsanitize=address,undefined"
g++ -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined \
  -fPIC -shared -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS -DBUILDING_NODE_EXTENSION \
  -I"$node_headers" -I"$addon_api" -Inative/src \
  native/binding/addon.cpp native/src/*.cpp -o "$out/strata_native.node"

libasan=$(g++ -print-file-name=libasan.so)
echo "==> running the native suites under $libasan"
LD_PRELOAD="$libasan" \
  ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1:detect_odr_violation=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  STRATA_NATIVE_ADDON="$PWD/$out/strata_native.node" CI=true \
  npx vitest run engine-runtime/native --pool=forks --no-file-parallelism
