#include "reports/directory_swap.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ldv/core/error.hpp"

namespace ldv::report {
namespace {

namespace fs = std::filesystem;

fs::path fresh_sibling(const fs::path& target, const char* tag) {
  for (int n = 0; n < 1000; ++n) {
    const fs::path candidate =
        target.parent_path() / fmt::format(".{}.{}-{}-{}", target.filename().string(), tag, ::getpid(), n);
    std::error_code ec;
    // create_directory honours the umask (unlike mkdtemp's 0700), so the report
    // is as readable as any other file the user writes.
    if (fs::create_directory(candidate, ec)) return candidate;
    if (ec) throw_invalid(fmt::format("cannot create a directory next to {}: {}", target.string(), ec.message()));
  }
  throw_invalid(fmt::format("cannot find a free temporary name next to {}", target.string()));
}

void remove_quietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

// Puts `fresh` at `target`: a plain rename when nothing is there, else an atomic
// exchange (Linux renameat2), falling back to move-aside-then-rename where the file
// system does not support the exchange.
void put_in_place(const fs::path& fresh, const fs::path& target) {
  std::error_code ec;
  const auto status = fs::symlink_status(target, ec);
  if (!fs::exists(status)) {
    fs::rename(fresh, target, ec);
    if (ec) throw_invalid(fmt::format("cannot rename {} to {}: {}", fresh.string(), target.string(), ec.message()));
    return;
  }
  if (!fs::is_directory(status))
    throw_invalid(fmt::format("{} exists and is not a directory; expected the report directory or nothing there",
                              target.string()));
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    remove_quietly(fresh);  // now holds the previous report
    return;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    throw_invalid(fmt::format("cannot exchange {} with {}: {}", fresh.string(), target.string(), std::strerror(errno)));
  // rename(2) replaces the empty directory `aside`.
  const fs::path aside = fresh_sibling(target, "old");
  fs::rename(target, aside, ec);
  if (ec) {
    remove_quietly(aside);
    throw_invalid(fmt::format("cannot move {} aside: {}", target.string(), ec.message()));
  }
  fs::rename(fresh, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::rename(aside, target, ignored);  // put the previous report back
    throw_invalid(fmt::format("cannot move {} into place at {}: {}", fresh.string(), target.string(), ec.message()));
  }
  remove_quietly(aside);
}

}  // namespace

void replace_directory(const fs::path& target, const std::function<void(const fs::path&)>& fill) {
  const fs::path fresh = fresh_sibling(target, "tmp");
  try {
    fill(fresh);
    put_in_place(fresh, target);
  } catch (...) {
    remove_quietly(fresh);
    throw;
  }
}

}  // namespace ldv::report
