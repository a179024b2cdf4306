#pragma once
// What became of one selected check in a run: the runner produces it, the progress
// sink and the verdict table of `ldv check` consume it.
#include <optional>
#include <string>

#include "ldv/verify/evidence.hpp"

namespace ldv::verify {

enum class CheckStatus {
  computed,  // run now; its record was written
  reused,    // a record with the same run key was already there (resume)
  failed     // the check threw, or its record could not be written: `error` says why
};

struct CheckOutcome {
  std::string id;
  std::string title;
  CheckStatus status = CheckStatus::failed;
  std::optional<Verdict> verdict;  // absent when failed
  double elapsed_s = 0.0;          // computed: this run; reused: as recorded
  std::string error;               // failed: the message
  std::string note;                // e.g. why an existing record was not reused
  std::string record_path;         // OUT/evidence/<id>.json (empty when failed)
};

}  // namespace ldv::verify
