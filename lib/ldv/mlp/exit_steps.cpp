#include "ldv/mlp/exit_steps.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::mlp {
namespace {
constexpr std::uint64_t kRunsPerBlock = 8;  // runs are long (thousands of network steps): small blocks balance load
}

void ExitRunSettings::validate() const {
  if (runs < 2) throw_invalid(fmt::format("exit runs: runs = {}, expected at least 2", runs));
  if (runs > 0xffffffffull) throw_invalid(fmt::format("exit runs: runs = {} exceed the 2^32 − 1 one seed keys", runs));
  if (max_steps < 1) throw_invalid("exit runs: max_steps = 0, expected a cap of at least 1 step");
  if (threads < 0) throw_invalid(fmt::format("exit runs: threads = {} must be >= 0 (0: all cores)", threads));
}

stats::MeanEstimate ExitSteps::mean(double confidence) const { return stats::estimate_mean(sample, confidence); }

ExitSteps run_exit_steps(const ExitRunSettings& settings, const std::function<RunOutcome(std::uint32_t)>& run) {
  settings.validate();
  const auto started = std::chrono::steady_clock::now();
  std::vector<RunOutcome> outcomes(settings.runs);
  const std::uint64_t blocks = (settings.runs + kRunsPerBlock - 1) / kRunsPerBlock;
  tbb::task_arena arena(settings.threads > 0 ? settings.threads : tbb::info::default_concurrency());
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const tbb::blocked_range<std::uint64_t>& r) {
      for (std::uint64_t b = r.begin(); b != r.end(); ++b)
        for (std::uint64_t p = b * kRunsPerBlock; p < std::min(settings.runs, (b + 1) * kRunsPerBlock); ++p)
          outcomes[p] = run(static_cast<std::uint32_t>(p));
    });
  });
  ExitSteps out;
  out.sample = stats::CensoredSample(static_cast<double>(settings.max_steps));
  for (const RunOutcome& o : outcomes) {  // in run order
    out.steps.push_back(o.steps);
    out.censored.push_back(o.censored ? 1 : 0);
    if (o.censored) out.sample.add_censored();
    else out.sample.add_exit(static_cast<double>(o.steps));
  }
  out.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace ldv::mlp
