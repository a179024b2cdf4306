#include "ldv/verify/runner.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "ldv/core/build_info.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/verify/decision.hpp"
#include "ldv/verify/evidence_io.hpp"

namespace ldv::verify {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// FNV-1a, 64 bit (Fowler, Noll, Vo): stable across platforms and releases, unlike std::hash.
std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string canonical_parameters(const std::string& id, const std::string& text) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text.empty() ? "{}" : text);
  } catch (const nlohmann::json::parse_error& e) {
    throw_invalid(fmt::format("check {}: parameters are not valid JSON ({})", id, e.what()));
  }
  if (!parsed.is_object())
    throw_invalid(fmt::format("check {}: parameters must be a JSON object, got {}", id, parsed.type_name()));
  return parsed.dump();  // object keys sorted, no whitespace: the same parameters give the same text
}

// The record of a previous run, when it is there, readable and of the same run key.
// `note` explains why an existing record is not reused.
std::optional<Evidence> reusable_record(const std::string& path, const std::string& key, std::string& note) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    Evidence record = load_evidence_file(path);
    if (record.run_key == key) return record;
    note = "inputs changed since the existing record; recomputed";
  } catch (const Error& e) {
    note = fmt::format("existing record unreadable ({}); recomputed", e.what());
  }
  return std::nullopt;
}

struct RunContext {
  const RunOptions& options;
  Profile profile;
  int family_size;
  double per_check_level;
  std::string evidence_dir;
  nlohmann::json provenance;
};

std::string reproducing_command(const Check& check, const RunOptions& o) {
  const char* verb = check.kind == RecordKind::reproduction ? "reproduce" : "check";
  return fmt::format("ldv {} {} --profile {} --seed {}", verb, check.id, o.profile, o.seed);
}

CheckOutcome run_one(const Check& check, const RunContext& run) {
  const RunOptions& o = run.options;
  CheckOutcome outcome;
  outcome.id = check.id;
  outcome.title = check.title;
  const Clock::time_point start = Clock::now();
  try {
    const nlohmann::json parameters_value = check.parameters(run.profile);
    if (!parameters_value.is_object())
      throw_invalid(fmt::format("check {}: parameters must be a JSON object, got {}", check.id,
                                parameters_value.type_name()));
    const std::string parameters = parameters_value.dump();
    const std::string key = run_key(check.id, parameters, o.profile, o.seed, o.family_confidence, run.family_size,
                                    build_info().version);
    const std::string path = (fs::path(run.evidence_dir) / (check.id + ".json")).string();
    if (std::optional<Evidence> old = reusable_record(path, key, outcome.note)) {
      outcome.status = CheckStatus::reused;
      outcome.verdict = old->verdict;
      outcome.elapsed_s = old->elapsed_s;
      outcome.record_path = path;
      return outcome;
    }

    const CheckContext context{run.profile, o.seed, o.threads, o.data_dir, run.per_check_level, o.family_confidence,
                               run.family_size, o.out_dir};
    Evidence e = check.run(context);
    // Bookkeeping is the runner's: the registry is the source of truth for what the check is.
    e.id = check.id;
    e.kind = check.kind;
    e.paper = check.paper;
    e.claim_reference = check.claim_reference;
    if (e.title.empty()) e.title = check.title;
    e.profile = run.profile;
    e.seed = o.seed;
    e.parameters = parameters_value;
    e.run_key = key;
    e.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    e.command = reproducing_command(check, o);
    e.provenance = run.provenance;
    write_evidence_atomically(run.evidence_dir, e);

    outcome.status = CheckStatus::computed;
    outcome.verdict = e.verdict;
    outcome.elapsed_s = e.elapsed_s;
    outcome.record_path = path;
  } catch (const std::exception& e) {
    // One check's failure must not stop the others; the summary carries it to the exit status.
    outcome.status = CheckStatus::failed;
    outcome.error = e.what();
    outcome.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  } catch (...) {
    outcome.status = CheckStatus::failed;
    outcome.error = "unknown exception (not derived from std::exception)";
    outcome.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return outcome;
}

}  // namespace

int RunSummary::count(CheckStatus status) const {
  int n = 0;
  for (const CheckOutcome& o : outcomes) n += o.status == status ? 1 : 0;
  return n;
}

Profile require_profile(const std::string& profile) {
  if (profile != "quick" && profile != "full")
    throw_invalid(fmt::format("profile '{}' is not one of: quick, full", profile));
  return parse_profile(profile);
}

std::vector<const Check*> select_checks(const Registry& registry, const std::vector<std::string>& ids,
                                        RecordKind kind) {
  std::vector<const Check*> selected;
  if (ids.empty()) {
    for (const Check& check : registry.checks())
      if (check.kind == kind) selected.push_back(&check);
    return selected;
  }
  for (const std::string& id : ids) {
    const Check& check = registry.find(id);
    if (check.kind != kind)
      throw_invalid(fmt::format("'{}' is a {}, not a {}: run it with `ldv {}`", id, to_string(check.kind),
                                to_string(kind), check.kind == RecordKind::reproduction ? "reproduce" : "check"));
    if (std::find(selected.begin(), selected.end(), &check) == selected.end()) selected.push_back(&check);
  }
  return selected;
}

std::string run_key(const std::string& id, const std::string& parameters_json, const std::string& profile,
                    unsigned long long seed, double family_confidence, int family_size, const std::string& version) {
  const std::string fields = fmt::format(
      "id={}\nparameters={}\nprofile={}\nseed={}\nfamily_confidence={:.17g}\nfamily_size={}\nversion={}\n", id,
      canonical_parameters(id, parameters_json), profile, seed, family_confidence, family_size, version);
  return fmt::format("{:016x}", fnv1a64(fields));
}

std::string resolve_data_dir(const std::string& option) {
  if (!option.empty()) return option;
  const char* env = std::getenv("LDV_DATA_DIR");
  return env ? std::string(env) : std::string();
}

std::string evidence_directory(const std::string& out_dir) { return (fs::path(out_dir) / "evidence").string(); }

RunSummary run_checks(const Registry& registry, const RunOptions& options, ProgressSink& progress) {
  // Everything the user can get wrong is checked before the first check starts.
  const Profile profile = require_profile(options.profile);
  if (options.threads < 0) throw_invalid(fmt::format("threads = {} must be >= 0 (0: all cores)", options.threads));
  if (options.out_dir.empty()) throw_invalid("the output directory is empty; give --out DIR");
  const std::vector<const Check*> selected = select_checks(registry, options.ids, options.kind);
  const int family_size = std::max<int>(1, static_cast<int>(registry.checks().size()));
  const RunContext run{options,
                       profile,
                       family_size,
                       per_check_confidence(options.family_confidence, family_size),
                       evidence_directory(options.out_dir),
                       provenance(options.command_line)};

  RunSummary summary;
  summary.outcomes.resize(selected.size());
  const Clock::time_point start = Clock::now();
  std::mutex progress_mutex;
  progress.begin(static_cast<int>(selected.size()));
  tbb::task_arena arena(options.threads == 0 ? tbb::task_arena::automatic : options.threads);
  arena.execute([&] {
    // simple_partitioner, grain 1: every check its own task, so long checks spread over the slots.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, selected.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) {
            {
              std::lock_guard lock(progress_mutex);
              progress.started(selected[i]->id);
            }
            // Isolated: while a check waits on its own inner TBB work, this thread must not
            // pick up a whole other check (that would stall the first one's record and time).
            summary.outcomes[i] = tbb::this_task_arena::isolate([&] { return run_one(*selected[i], run); });
            std::lock_guard lock(progress_mutex);
            progress.finished(summary.outcomes[i]);
          }
        },
        tbb::simple_partitioner());
  });
  progress.end();
  summary.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace ldv::verify
