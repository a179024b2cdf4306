#pragma once
// Writes a directory tree so that readers see either the old tree or the complete
// new one, never a half-written one: the tree is built in a temporary sibling and
// renamed into place at the end (swapped atomically with an existing one).
#include <filesystem>
#include <functional>

namespace ldv::report {

// Calls fill(temporary) on a fresh sibling of `target` ("<parent>/.<name>.tmp-<pid>-<n>"),
// then puts it at `target`. If fill throws, the temporary is removed, `target` is
// untouched and the exception propagates.
void replace_directory(const std::filesystem::path& target,
                       const std::function<void(const std::filesystem::path&)>& fill);

}  // namespace ldv::report
