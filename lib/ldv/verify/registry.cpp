#include "ldv/verify/registry.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/verify/papers.hpp"

namespace ldv::verify {
namespace {

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// [a-z0-9_]+ words separated by single dots: the ID doubles as a file name
// (OUT/evidence/<id>.json), so nothing else may appear in it.
bool is_check_id(const std::string& id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (is_word_char(id[i])) continue;
    if (id[i] == '.' && id[i - 1] != '.') continue;
    return false;
  }
  return true;
}

}  // namespace

void Registry::add(Check check) {
  if (!is_check_id(check.id))
    throw_invalid(fmt::format("check ID \"{}\" is malformed: expected [a-z0-9_]+ words separated by dots, "
                              "e.g. escape.theorem1.isotropic",
                              check.id));
  if (check.paper.empty()) throw_invalid(fmt::format("check {}: the paper key is empty", check.id));
  try {
    find_paper(check.paper);
  } catch (const InvalidInput& e) {
    throw_invalid(fmt::format("check {}: {}", check.id, e.what()));
  }
  if (check.claim_reference.empty()) throw_invalid(fmt::format("check {}: the claim reference is empty", check.id));
  if (check.title.empty()) throw_invalid(fmt::format("check {}: the title is empty", check.id));
  if (!check.run) throw_invalid(fmt::format("check {}: no run function", check.id));
  if (!check.parameters) throw_invalid(fmt::format("check {}: no parameters function", check.id));
  for (const Check& known : checks_)
    if (known.id == check.id) throw_invalid(fmt::format("check ID \"{}\" is registered twice", check.id));
  checks_.push_back(std::move(check));
}

const Check& Registry::find(const std::string& id) const {
  for (const Check& check : checks_)
    if (check.id == id) return check;
  std::string known;
  for (const Check& check : checks_) known += (known.empty() ? "" : ", ") + check.id;
  throw_invalid(fmt::format("unknown check ID '{}'; known IDs: {}", id, known.empty() ? "(none registered)" : known));
}

}  // namespace ldv::verify
