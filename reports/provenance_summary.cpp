#include "reports/provenance_summary.hpp"

#include <cctype>

namespace ldv::report {

std::string ProvenanceSummary::year() const {
  if (utc_time.size() < 4) return "";
  for (int i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(utc_time[i]))) return "";
  return utc_time.substr(0, 4);
}

ProvenanceSummary summarize_provenance(const nlohmann::json& provenance) {
  ProvenanceSummary summary;
  // Invalid UTF-8 (possible in a record built in memory) becomes U+FFFD rather than an exception.
  summary.pretty_json = provenance.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (!provenance.is_object()) return summary;
  const auto text = [&provenance](const char* key, std::string& field) {
    if (const auto it = provenance.find(key); it != provenance.end() && it->is_string() && !it->get<std::string>().empty())
      field = it->get<std::string>();
  };
  text("ldv_version", summary.ldv_version);
  text("git_revision", summary.git_revision);
  text("compiler", summary.compiler);
  text("build_type", summary.build_type);
  text("utc_time", summary.utc_time);
  text("host", summary.host);
  return summary;
}

}  // namespace ldv::report
