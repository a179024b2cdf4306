#include "ldv/measure/detail/parallel_blocks.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace ldv::measure::detail {

void for_each_block(std::uint64_t blocks, int threads, const std::function<void(std::uint64_t)>& body) {
  tbb::task_arena arena(threads > 0 ? threads : tbb::info::default_concurrency());
  arena.execute([&] { tbb::parallel_for(std::uint64_t{0}, blocks, [&](std::uint64_t b) { body(b); }); });
}

}  // namespace ldv::measure::detail
