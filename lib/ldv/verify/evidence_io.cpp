#include "ldv/verify/evidence_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "ldv/core/error.hpp"
#include "ldv/verify/evidence_json.hpp"

namespace ldv::verify {
namespace {

namespace fs = std::filesystem;

// Temporary files of write_evidence_atomically: ".<id>.json.tmp-XXXXXX" (the mkstemp
// template). They start with a dot and do not end in ".json", so the loader never
// mistakes one for a record; it skips every dot-file explicitly as well.
constexpr const char* kTempSuffix = ".json.tmp-XXXXXX";

std::string errno_text() { return std::strerror(errno); }

// Writes all of `text` to fd, retrying on short writes and EINTR.
bool write_all(int fd, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// fsync of the directory makes the rename itself durable (POSIX leaves it to the directory).
void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: the record is already complete under its final name
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_evidence_atomically(const std::string& directory, const Evidence& evidence) {
  // Validate by a round trip first: a record the loader would reject is never written.
  const nlohmann::json record = to_json(evidence);
  evidence_from_json(record);
  const std::string text = record.dump(2) + "\n";

  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) throw_invalid(fmt::format("cannot create evidence directory '{}': {}", directory, ec.message()));

  const std::string final_path = (fs::path(directory) / (evidence.id + ".json")).string();
  std::string temp_path = (fs::path(directory) / ("." + evidence.id + kTempSuffix)).string();
  const int fd = ::mkstemp(temp_path.data());
  if (fd < 0) throw_invalid(fmt::format("cannot create a temporary file in '{}': {}", directory, errno_text()));
  // mkstemp creates the file 0600; a record is meant to be read by others (reports, reviewers).
  const bool ok = ::fchmod(fd, 0644) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  const std::string write_error = ok ? "" : errno_text();
  if (::close(fd) != 0 || !ok) {
    ::unlink(temp_path.c_str());
    throw_invalid(fmt::format("cannot write '{}': {}", temp_path, ok ? errno_text() : write_error));
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const std::string reason = errno_text();
    ::unlink(temp_path.c_str());
    throw_invalid(fmt::format("cannot rename '{}' to '{}': {}", temp_path, final_path, reason));
  }
  sync_directory(directory);
}

Evidence load_evidence_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw_invalid(fmt::format("cannot open: {}", errno_text()));
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw_invalid(fmt::format("malformed JSON: {}", e.what()));
  }
  return evidence_from_json(record);
}

EvidenceSet load_evidence_directory(const std::string& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw_invalid(fmt::format("evidence directory '{}' does not exist or is not a directory", directory));

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    // Dot-files are the temporaries of write_evidence_atomically (".<id>.json.tmp-XXXXXX",
    // left behind only by a killed writer) or editor/OS files: never records.
    if (name.empty() || name.front() == '.') continue;
    if (entry.path().extension() != ".json") continue;
    files.push_back(entry.path());
  }
  if (ec) throw_invalid(fmt::format("cannot list evidence directory '{}': {}", directory, ec.message()));
  std::sort(files.begin(), files.end());

  EvidenceSet set;
  for (const fs::path& path : files) {
    try {
      Evidence evidence = load_evidence_file(path.string());
      // The runner names records <id>.json and resumes by that name; a file named
      // otherwise would shadow or duplicate a record.
      if (path.stem().string() != evidence.id)
        throw_invalid(fmt::format("holds the record of '{}', expected a file named {}.json", evidence.id,
                                  evidence.id));
      set.records.push_back(std::move(evidence));
    } catch (const Error& e) {
      set.errors.push_back({path.string(), e.what()});
    }
  }
  std::sort(set.records.begin(), set.records.end(),
            [](const Evidence& a, const Evidence& b) { return a.id < b.id; });
  return set;
}

}  // namespace ldv::verify
