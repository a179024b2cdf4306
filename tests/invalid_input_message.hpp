#pragma once
// Test helper: the message of the ldv::InvalidInput a call throws, or "accepted".
#include <string>

#include "ldv/core/error.hpp"

template <class Call>
std::string invalid_input_message(Call&& call) {
  try {
    call();
  } catch (const ldv::InvalidInput& e) {
    return e.what();
  }
  return "accepted";
}
