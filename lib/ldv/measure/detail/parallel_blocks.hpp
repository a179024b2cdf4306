#pragma once
// Runs independent blocks of Monte Carlo work in parallel (internal to measure/). Each block
// writes only its own results and the caller reduces them in block order, so nothing depends
// on the thread count. oneTBB does the scheduling and carries the first exception of any block
// back to the caller; the header stays free of TBB.
#include <cstdint>
#include <functional>

namespace ldv::measure::detail {

// body(b) for every b in [0, blocks) on `threads` worker threads (0: all cores).
void for_each_block(std::uint64_t blocks, int threads, const std::function<void(std::uint64_t)>& body);

}  // namespace ldv::measure::detail
