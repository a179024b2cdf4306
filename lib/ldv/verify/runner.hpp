#pragma once
// Runs selected checks of a Registry in parallel and keeps their Evidence records in
// OUT/evidence/<id>.json (DESIGN.md, "Command line").
//
// - Parallel: the checks run as tasks of one oneTBB task_arena of `threads` slots; a check
//   may use TBB inside (nested parallelism shares the arena). Results never depend on it.
// - Durable: each record is written atomically as soon as its check completes, so a killed
//   run loses only the checks still running.
// - Resumable: a record whose run key matches is reused, not recomputed. The run key
//   (run_key below) hashes everything the record depends on: the ID, the check's parameters
//   for the profile, the profile, the seed, the family confidence and size, and the ldv version.
// - One Bonferroni family: the family size is the number of registered checks and
//   reproductions, not the number selected, so `ldv check A` and `ldv check --all` decide
//   A at the same level and A's record stays valid for either. Registering a new check
//   changes every check's level and therefore every run key: old records are recomputed.
//   (Changes to ldv's code that keep its version number are not seen by the key.)
// - A check that throws is reported in the summary (and the run goes on); the caller
//   decides the exit status (RunSummary::failed()).
#include <string>
#include <vector>

#include "ldv/verify/outcome.hpp"
#include "ldv/verify/progress.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::verify {

struct RunOptions {
  std::vector<std::string> ids;   // the checks to run, in order; empty = every one of `kind`
  RecordKind kind = RecordKind::check;  // check (ldv check) or reproduction (ldv reproduce)
  std::string profile = "quick";  // "quick" or "full", as the user gave it (validated by the runner)
  unsigned long long seed = 1;
  int threads = 0;                // 0 = all cores
  std::string out_dir = "ldv-out";
  std::string data_dir;           // passed to the checks as CheckContext::data_dir
  double family_confidence = 0.99;
  std::vector<std::string> command_line;  // the invoking argv, recorded in each record's provenance
};

struct RunSummary {
  std::vector<CheckOutcome> outcomes;  // one per selected check, in the order selected
  double wall_s = 0.0;
  int count(CheckStatus status) const;
  int failed() const { return count(CheckStatus::failed); }
};

// InvalidInput (before anything runs) on: a profile other than quick/full, threads < 0,
// family_confidence outside (0, 1), an unknown ID (listing the known ones) or an ID of
// another kind. Repeated IDs run once.
RunSummary run_checks(const Registry& registry, const RunOptions& options, ProgressSink& progress);

// The checks `ids` names (all of `kind` when empty), validated as in run_checks.
std::vector<const Check*> select_checks(const Registry& registry, const std::vector<std::string>& ids,
                                        RecordKind kind);

// "quick" or "full", else InvalidInput naming the value.
Profile require_profile(const std::string& profile);

// FNV-1a 64-bit hash, 16 lowercase hex digits, of the fields of the key (one "name=value"
// line each); parameters_json is canonicalised (parsed and re-dumped) first.
// (The key is a text hash so that it is stable across platforms and releases.)
std::string run_key(const std::string& id, const std::string& parameters_json, const std::string& profile,
                    unsigned long long seed, double family_confidence, int family_size, const std::string& version);

// The data directory: `option` when non-empty, else $LDV_DATA_DIR, else empty.
std::string resolve_data_dir(const std::string& option);

// OUT/evidence
std::string evidence_directory(const std::string& out_dir);

}  // namespace ldv::verify
