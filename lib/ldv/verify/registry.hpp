#pragma once
// The registry of checks and reproductions. A check is data (stable ID, paper,
// claim) plus a run function of the library returning an Evidence record
// (DESIGN.md). Checks are registered explicitly by proofs_checks/all_checks.cpp
// (not by static initialisers, which a static library's linker may drop).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"

namespace ldv::verify {

// What a run function gets: the budget profile, the seed, the data directory and
// the confidence level its decision rule must use (already Bonferroni-corrected
// across the checks of the run).
struct CheckContext {
  Profile profile = Profile::quick;
  unsigned long long seed = 0;
  int threads = 0;              // 0 = all cores; results never depend on it
  std::string data_dir;         // may be empty or absent: checks needing data say so plainly
  double confidence = 0.99;     // per-check level = 1 − (1 − family level) / family size
  double family_confidence = 0.99;
  int family_size = 1;
  std::string out_dir;          // the run directory (--out); empty = unknown (a check called outside a run)
};

struct Check {
  std::string id;               // stable, e.g. "escape.theorem1.isotropic"
  RecordKind kind = RecordKind::check;
  std::string paper;            // a key of the paper registry (papers.hpp)
  std::string claim_reference;  // "Theorem 1", ...
  std::string title;            // one line
  // The parameters a profile implies (a JSON object: part of the resume key and of the record).
  std::function<nlohmann::json(Profile profile)> parameters;
  std::function<Evidence(const CheckContext&)> run;
};

class Registry {
 public:
  // InvalidInput on a duplicate or malformed ID ([a-z0-9_]+ separated by dots), an
  // unknown paper key, or a missing field or function.
  void add(Check check);
  const std::vector<Check>& checks() const { return checks_; }
  // InvalidInput naming the unknown ID and listing the known ones.
  const Check& find(const std::string& id) const;

 private:
  std::vector<Check> checks_;
};

}  // namespace ldv::verify
