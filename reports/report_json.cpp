#include "reports/report_json.hpp"

#include <nlohmann/json.hpp>

#include "ldv/verify/evidence_json.hpp"

namespace ldv::report {

std::string render_report_json(const std::vector<verify::Evidence>& records,
                               const std::vector<verify::LoadError>& problems, const ReportInfo& info) {
  nlohmann::json out = {{"schema", "ldv.report/2"},
                        {"generated_utc", info.generated_utc},
                        {"generator", info.generator},
                        {"run_directory", info.run_directory},
                        {"records", nlohmann::json::array()},
                        {"problems", nlohmann::json::array()}};
  for (const auto& e : records) out["records"].push_back(verify::to_json(e));
  for (const auto& p : problems) out["problems"].push_back({{"path", p.path}, {"reason", p.reason}});
  // Invalid UTF-8 in a record (possible for records built in memory) becomes U+FFFD rather than an exception.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ldv::report
