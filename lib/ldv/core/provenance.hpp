#pragma once
// Provenance carried by every result (DESIGN.md, "Evidence and verdicts"):
// ldv version and git revision, compiler and flags, library versions, host
// facts, time of the run, and the exact command line.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace ldv {

nlohmann::json provenance(const std::vector<std::string>& command_line);

// The current UTC time as ISO 8601, e.g. "2026-11-23T08:05:10Z".
std::string utc_now_iso8601();

}  // namespace ldv
