#include "reports/provenance_summary.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

namespace ldv::report {

std::string ProvenanceSummary::year() const {
  if (utc_time.size() < 4) return "";
  for (int i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(utc_time[i]))) return "";
  return utc_time.substr(0, 4);
}

ProvenanceSummary summarize_provenance(const std::string& provenance_json) {
  ProvenanceSummary summary;
  const nlohmann::json json = nlohmann::json::parse(provenance_json, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    summary.pretty_json = provenance_json;
    return summary;
  }
  summary.pretty_json = json.dump(2);
  const auto text = [&json](const char* key, std::string& field) {
    if (const auto it = json.find(key); it != json.end() && it->is_string() && !it->get<std::string>().empty())
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
