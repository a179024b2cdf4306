#pragma once
// What built this binary (filled in by cmake/Provenance.cmake).
#include <string>

namespace ldv {

struct BuildInfo {
  std::string version;       // project version, e.g. "0.1.0"
  std::string git_revision;  // `git describe --always --dirty` at configure time
  std::string compiler;      // e.g. "GNU 12.2.0"
  std::string build_type;    // Release, Debug, ...
  std::string compile_flags;
};

const BuildInfo& build_info();

}  // namespace ldv
