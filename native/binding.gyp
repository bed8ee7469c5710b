{
  "targets": [
    {
      "target_name": "strata_native",
      "sources": [
        "binding/addon.cpp",
        "src/broker.cpp",
        "src/engine.cpp",
        "src/json.cpp",
        "src/kernels.cpp",
        "src/kernels_basic.cpp",
        "src/kernels_indicators.cpp",
        "src/kernels_patterns.cpp",
        "src/metrics.cpp",
        "src/plan.cpp"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "src"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions", "-O2", "-O0"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-O2", "-O0"],
      "cflags_cc": ["-std=c++20", "-O3", "-fexceptions", "-fno-math-errno"],
      "conditions": [
        ["OS=='mac'", {
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++20",
            "GCC_OPTIMIZATION_LEVEL": "3"
          }
        }],
        ["OS=='win'", {
          "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/std:c++20", "/O2"] } }
        }]
      ]
    }
  ]
}
