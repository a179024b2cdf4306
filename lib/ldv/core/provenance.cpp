#include "ldv/core/provenance.hpp"

#include <Eigen/Core>
#include <boost/version.hpp>
#include <oneapi/tbb/version.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "ldv/core/build_info.hpp"

namespace ldv {
namespace {

std::string host_name() {
  char buffer[256] = {};
  return gethostname(buffer, sizeof buffer - 1) == 0 ? std::string(buffer) : std::string("unknown");
}

}  // namespace

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

nlohmann::json provenance(const std::vector<std::string>& command_line) {
  const BuildInfo& build = build_info();
  return {
      {"ldv_version", build.version},
      {"git_revision", build.git_revision},
      {"compiler", build.compiler},
      {"build_type", build.build_type},
      {"compile_flags", build.compile_flags},
      {"libraries",
       {{"boost", fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
        {"eigen", fmt::format("{}.{}.{}", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
        {"onetbb", fmt::format("{}.{}", TBB_VERSION_MAJOR, TBB_VERSION_MINOR)},
        {"random123", "Philox4x32-10"},
        {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                                      NLOHMANN_JSON_VERSION_PATCH)}}},
      {"host", host_name()},
      {"hardware_threads", std::thread::hardware_concurrency()},
      {"utc_time", utc_now_iso8601()},
      {"command_line", command_line},
  };
}

}  // namespace ldv
