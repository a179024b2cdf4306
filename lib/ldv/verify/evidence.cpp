// The vocabulary of an Evidence record: its enums' spellings (used by the JSON schema,
// the report and the command line) and two small queries.
#include "ldv/verify/evidence.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::verify {
namespace {

// One spelling per enumerator; parse accepts exactly these and names the rest.
template <class Enum, std::size_t N>
Enum parse_enum(std::string_view what, std::string_view text, const std::array<Enum, N>& values) {
  std::string known;
  for (Enum v : values) {
    if (to_string(v) == text) return v;
    known += (known.empty() ? "" : ", ") + to_string(v);
  }
  throw_invalid(fmt::format("{} \"{}\" is not one of: {}", what, text, known));
}

}  // namespace

std::string to_string(Verdict v) {
  switch (v) {
    case Verdict::confirmed: return "CONFIRMED";
    case Verdict::confirmed_after_correction: return "CONFIRMED_AFTER_CORRECTION";
    case Verdict::refuted: return "REFUTED";
    case Verdict::inconclusive: return "INCONCLUSIVE";
  }
  throw_invalid(fmt::format("verdict {} is not one of the four verdicts", static_cast<int>(v)));
}
Verdict parse_verdict(std::string_view text) {
  return parse_enum("verdict", text,
                    std::array{Verdict::confirmed, Verdict::confirmed_after_correction, Verdict::refuted,
                               Verdict::inconclusive});
}

std::string to_string(RecordKind k) { return k == RecordKind::check ? "check" : "reproduction"; }
RecordKind parse_record_kind(std::string_view text) {
  return parse_enum("kind", text, std::array{RecordKind::check, RecordKind::reproduction});
}

std::string to_string(Profile p) { return p == Profile::quick ? "quick" : "full"; }
Profile parse_profile(std::string_view text) {
  return parse_enum("profile", text, std::array{Profile::quick, Profile::full});
}

std::string to_string(Role r) {
  switch (r) {
    case Role::paper: return "paper";
    case Role::correction: return "correction";
    case Role::alternative: return "alternative";
    case Role::negative_control: return "negative_control";
  }
  throw_invalid(fmt::format("role {} is not a comparison role", static_cast<int>(r)));
}
Role parse_role(std::string_view text) {
  return parse_enum("role", text, std::array{Role::paper, Role::correction, Role::alternative, Role::negative_control});
}

std::string to_string(Relation r) {
  switch (r) {
    case Relation::equals: return "equals";
    case Relation::at_least: return "at_least";
    case Relation::at_most: return "at_most";
  }
  throw_invalid(fmt::format("relation {} is not a relation", static_cast<int>(r)));
}
Relation parse_relation(std::string_view text) {
  return parse_enum("relation", text, std::array{Relation::equals, Relation::at_least, Relation::at_most});
}

std::string to_string(SeriesStyle s) {
  switch (s) {
    case SeriesStyle::points: return "points";
    case SeriesStyle::lines: return "lines";
    case SeriesStyle::errorbars: return "errorbars";
  }
  throw_invalid(fmt::format("series style {} is not a style", static_cast<int>(s)));
}
SeriesStyle parse_series_style(std::string_view text) {
  return parse_enum("style", text, std::array{SeriesStyle::points, SeriesStyle::lines, SeriesStyle::errorbars});
}

std::string to_string(DependenceChange c) {
  switch (c) {
    case DependenceChange::keeps: return "keeps";
    case DependenceChange::removes: return "removes";
    case DependenceChange::reverses: return "reverses";
  }
  throw_invalid(fmt::format("dependence change {} is not one", static_cast<int>(c)));
}
DependenceChange parse_dependence_change(std::string_view text) {
  return parse_enum("dependence change", text,
                    std::array{DependenceChange::keeps, DependenceChange::removes, DependenceChange::reverses});
}

bool CorrectionOutcome::keeps_every_dependence() const {
  return std::all_of(effects.begin(), effects.end(),
                     [](const DependenceEffect& e) { return e.change == DependenceChange::keeps; });
}

const Measurement* Evidence::find_measurement(std::string_view name) const {
  for (const Measurement& m : measurements)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace ldv::verify
