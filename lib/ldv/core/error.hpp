#pragma once
// One error policy for the whole library (DESIGN.md: "errors raised through one
// policy, never silently"). Every message names the offending value and what was
// expected, so a user can fix the input without reading the code.
#include <stdexcept>
#include <string>

namespace ldv {

// Base of every error ldv raises on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The caller supplied something outside the documented domain (bad spec, NaN,
// negative radius, non-SPD matrix, unknown model, malformed JSON, ...).
class InvalidInput : public Error {
 public:
  using Error::Error;
};

// A numerical procedure could not deliver the accuracy it promises.
class NumericalFailure : public Error {
 public:
  using Error::Error;
};

[[noreturn]] void throw_invalid(const std::string& message);

}  // namespace ldv
