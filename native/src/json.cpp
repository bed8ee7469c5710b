#include "json.hpp"

#include <charconv>
#include <cmath>

namespace strata::json {

namespace {

class Parser {
 public:
  Parser(const std::string& text, int maxDepth) : s_(text), maxDepth_(maxDepth) {}

  bool run(Value& out) {
    skip();
    if (!value(out, 0)) return false;
    skip();
    if (pos_ != s_.size()) return fail("unexpected text after the end of the JSON value");
    return true;
  }

  std::string error;

 private:
  const std::string& s_;
  size_t pos_ = 0;
  int maxDepth_;

  bool fail(const std::string& what) {
    if (error.empty()) error = "The JSON is malformed at character " + std::to_string(pos_ + 1) + ": " + what + ".";
    return false;
  }

  void skip() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) pos_++;
  }

  bool literal(const char* word) {
    size_t n = std::char_traits<char>::length(word);
    if (s_.compare(pos_, n, word) != 0) return fail("expected a value");
    pos_ += n;
    return true;
  }

  bool value(Value& out, int depth) {
    if (pos_ >= s_.size()) return fail("the text ends where a value should be");
    char c = s_[pos_];
    switch (c) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"':
        out.kind = Kind::String;
        return string(out.text);
      case 't':
        out.kind = Kind::Bool;
        out.boolean = true;
        return literal("true");
      case 'f':
        out.kind = Kind::Bool;
        out.boolean = false;
        return literal("false");
      case 'n':
        out.kind = Kind::Null;
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        return fail(std::string("unexpected character '") + c + "'");
    }
  }

  bool number(Value& out) {
    size_t begin = pos_;
    if (s_[pos_] == '-') pos_++;
    if (pos_ >= s_.size()) return fail("a number is cut off");
    if (s_[pos_] == '0') {
      pos_++;
    } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
    } else {
      return fail("a number has no digits");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      pos_++;
      size_t digits = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
      if (pos_ == digits) return fail("a number has no digits after its decimal point");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) pos_++;
      size_t digits = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
      if (pos_ == digits) return fail("a number has no digits in its exponent");
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(s_.data() + begin, s_.data() + pos_, v);
    if (ec == std::errc::result_out_of_range) {
      // JSON.parse reads overflowing numbers as ±Infinity and underflowing ones as 0; so do we.
      std::string digits = s_.substr(begin, pos_ - begin);
      v = std::strtod(digits.c_str(), nullptr);
    } else if (ec != std::errc() || ptr != s_.data() + pos_) {
      return fail("a number could not be read");
    }
    out.kind = Kind::Number;
    out.number = v;
    return true;
  }

  static void utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(uint32_t& cp) {
    if (pos_ + 4 > s_.size()) return fail("a \\u escape is cut off");
    cp = 0;
    for (int k = 0; k < 4; k++) {
      char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= h - '0';
      else if (h >= 'a' && h <= 'f') cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') cp |= h - 'A' + 10;
      else return fail("a \\u escape has a character that is not hexadecimal");
    }
    return true;
  }

  bool string(std::string& out) {
    pos_++;  // opening quote
    out.clear();
    while (true) {
      if (pos_ >= s_.size()) return fail("a string is not closed");
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        pos_++;
        return true;
      }
      if (c < 0x20) return fail("a string holds a raw control character");
      if (c != '\\') {
        out += static_cast<char>(c);
        pos_++;
        continue;
      }
      pos_++;
      if (pos_ >= s_.size()) return fail("an escape is cut off");
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 6 <= s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
            size_t save = pos_;
            pos_ += 2;
            uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else pos_ = save;
          }
          utf8(out, cp);
          break;
        }
        default:
          return fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  bool array(Value& out, int depth) {
    if (depth > maxDepth_) return fail("it nests deeper than " + std::to_string(maxDepth_) + " levels");
    out.kind = Kind::Array;
    pos_++;
    skip();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      pos_++;
      return true;
    }
    while (true) {
      out.items.emplace_back();
      skip();
      if (!value(out.items.back(), depth)) return false;
      skip();
      if (pos_ >= s_.size()) return fail("an array is not closed");
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == ']') {
        pos_++;
        return true;
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  bool object(Value& out, int depth) {
    if (depth > maxDepth_) return fail("it nests deeper than " + std::to_string(maxDepth_) + " levels");
    out.kind = Kind::Object;
    pos_++;
    skip();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      pos_++;
      return true;
    }
    while (true) {
      skip();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a quoted key in an object");
      std::string key;
      if (!string(key)) return false;
      if (out.members.size() >= 4096) return fail("an object has more than 4096 keys");
      for (const auto& member : out.members)
        if (member.first == key) return fail("the key \"" + key + "\" appears twice in one object");
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':' after a key");
      pos_++;
      skip();
      out.members.emplace_back(std::move(key), Value{});
      if (!value(out.members.back().second, depth)) return false;
      skip();
      if (pos_ >= s_.size()) return fail("an object is not closed");
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == '}') {
        pos_++;
        return true;
      }
      return fail("expected ',' or '}' in an object");
    }
  }
};

}  // namespace

ParseResult parse(const std::string& text, int maxDepth) {
  ParseResult result;
  Parser parser(text, maxDepth);
  result.ok = parser.run(result.value);
  if (!result.ok) {
    result.error = parser.error;
    result.value = Value{};
  }
  return result;
}

const char* describe(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a true/false value";
    case Kind::Number: return "a number";
    case Kind::String: return "a text";
    case Kind::Array: return "a list";
    case Kind::Object: return "an object";
  }
  return "a value";
}

}  // namespace strata::json
