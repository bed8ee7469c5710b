// A small JSON reader for plans and settings: strict RFC 8259, bounded depth and size, and
// errors as sentences with the byte offset. No exceptions escape: parse() reports failure.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace strata::json {

enum class Kind { Null, Bool, Number, String, Array, Object };

struct Value {
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string text;
  std::vector<Value> items;
  // Keys keep their order of appearance; duplicates are refused by the parser.
  std::vector<std::pair<std::string, Value>> members;

  const Value* find(const std::string& key) const {
    for (const auto& [k, v] : members)
      if (k == key) return &v;
    return nullptr;
  }
  bool isNumber() const { return kind == Kind::Number; }
  bool isString() const { return kind == Kind::String; }
  bool isObject() const { return kind == Kind::Object; }
  bool isArray() const { return kind == Kind::Array; }
};

struct ParseResult {
  bool ok = false;
  Value value;
  std::string error;
};

/** Parses `text`; nesting deeper than `maxDepth` is refused rather than recursed into. */
ParseResult parse(const std::string& text, int maxDepth = 32);

/** A readable name for a value's kind, for error sentences: "a number", "an object"... */
const char* describe(Kind kind);

}  // namespace strata::json
