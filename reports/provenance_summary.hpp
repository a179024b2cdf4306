#pragma once
// The few provenance facts a reader needs next to a verdict (version, git
// revision, compiler, time), read from an Evidence record's provenance object.
#include <nlohmann/json.hpp>
#include <string>

namespace ldv::report {

struct ProvenanceSummary {
  std::string ldv_version = "unknown";
  std::string git_revision = "unknown";
  std::string compiler = "unknown";
  std::string build_type = "unknown";
  std::string utc_time = "unknown";  // ISO 8601, e.g. 2025-11-23T08:10:21Z
  std::string host = "unknown";
  std::string pretty_json;           // the whole provenance, indented
  // The four-digit year of utc_time, or empty when the time is missing or malformed.
  std::string year() const;
};

// Never throws: a record whose provenance lacks a field still renders, with "unknown".
ProvenanceSummary summarize_provenance(const nlohmann::json& provenance);

}  // namespace ldv::report
