// The verification framework: the decision rule (its error rates on synthetic data with
// known truth, and the verdict it composes), Evidence records as JSON (round trip, atomic
// writes, malformed files reported), the registry, the runner (resume after a kill, reuse
// by run key, failures), progress lines, and `ldv check` on bad input.
#define BOOST_TEST_MODULE verify
#define BOOST_TEST_NO_MAIN  // main below: the kill test re-executes this binary as its child
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "ldv/core/error.hpp"
#include <functional>

#include "ldv/core/estimate.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/quantiles.hpp"
#include "ldv/verify/decision.hpp"
#include "ldv/verify/consistency.hpp"
#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "ldv/verify/evidence_json.hpp"
#include "ldv/verify/papers.hpp"
#include "ldv/verify/progress.hpp"
#include "ldv/verify/registry.hpp"
#include "ldv/verify/runner.hpp"

using namespace ldv::verify;
using ldv::Estimate;
namespace fs = std::filesystem;

namespace {

// --- helpers -------------------------------------------------------------------

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ldv_test_verify_XXXXXX").string();
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string str(const std::string& child = "") const { return child.empty() ? path.string() : (path / child).string(); }
};

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ldv::InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput thrown)";
}

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

// Under a true rejection rate p, R trials give more than this many rejections with
// probability at most `risk` (one-sided binomial bound).
int binomial_upper_bound(int trials, double p, double risk) {
  const boost::math::binomial_distribution<> law(trials, p);
  for (int k = 0; k <= trials; ++k)
    if (boost::math::cdf(law, k) >= 1.0 - risk) return k;
  return trials;
}
// ... fewer than this many with probability at most `risk`.
int binomial_lower_bound(int trials, double p, double risk) {
  const boost::math::binomial_distribution<> law(trials, p);
  for (int k = trials; k > 0; --k)
    if (boost::math::cdf(law, k - 1) <= risk) return k;
  return 0;
}

// The Student-t interval of the mean of n normal samples: exact coverage `confidence`.
Measurement t_interval_of_normal_mean(std::uint64_t seed, std::uint32_t replication, int n, double mean,
                                      double sd, double confidence) {
  ldv::NormalStream normal(seed, replication, ldv::StreamLane::user);
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = mean + sd * normal.next();
    sum += x;
    sum_sq += x * x;
  }
  const double m = sum / n;
  const double s = std::sqrt((sum_sq - n * m * m) / (n - 1));
  const double half = ldv::stats::student_t_quantile(0.5 + confidence / 2, n - 1) * s / std::sqrt(double(n));
  return {"sample mean", m, m - half, m + half, confidence, "Student-t"};
}

Measurement interval(double value, double low, double high, double confidence = 0.99) {
  return {"E[tau]", value, low, high, confidence, "synthetic"};
}

// --- fake checks for the runner --------------------------------------------------

enum class Behaviour { confirm, block, fail };

void append_line(const std::string& path, const std::string& line) {
  // O_APPEND: one short write per line, so concurrent checks never interleave.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return;
  const std::string text = line + "\n";
  [[maybe_unused]] const ssize_t written = ::write(fd, text.data(), text.size());
  ::close(fd);
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int runs_of(const std::vector<std::string>& log, const std::string& id) {
  int n = 0;
  for (const std::string& line : log) n += line.rfind(id + " ", 0) == 0 ? 1 : 0;
  return n;
}

Evidence confirmed_evidence(const CheckContext& context) {
  Evidence e;
  e.claim = "E[tau] = 1 (Eq. 0)";
  e.paper_prediction = {"the mean is one", "E[tau] = 1", 1.0};
  // An interval at exactly the level the runner handed over, recorded so tests can read it back.
  const Measurement m{"E[tau]", 1.0, 0.9, 1.1, context.confidence, "synthetic"};
  e.measurements = {m};
  Decision(context).paper(e.paper_prediction, m).negative_control("doubled: 2", 2.0, m).apply_to(e);
  return e;
}

// Logs "<id> <profile> <seed> data=<data dir>" when it starts, so tests can count how often each check ran.
Check fake_check(const std::string& id, const std::string& log, Behaviour behaviour) {
  Check c;
  c.id = id;
  c.kind = RecordKind::check;
  c.paper = "escape";
  c.claim_reference = "Eq. 0";
  c.title = "fake check " + id;
  c.parameters = [](Profile profile) {
    return nlohmann::json{{"paths", profile == Profile::quick ? 100 : 10000}, {"eps", {0.5, 0.25}}};
  };
  c.run = [id, log, behaviour](const CheckContext& context) {
    append_line(log, fmt::format("{} {} {} data={}", id, to_string(context.profile), context.seed, context.data_dir));
    if (behaviour == Behaviour::block)
      for (;;) ::pause();  // until SIGKILL
    if (behaviour == Behaviour::fail) throw ldv::NumericalFailure("fake failure of " + id);
    return confirmed_evidence(context);
  };
  return c;
}

Registry fake_registry(const std::string& log, bool block_third) {
  Registry r;
  r.add(fake_check("fake.a", log, Behaviour::confirm));
  r.add(fake_check("fake.b", log, Behaviour::confirm));
  r.add(fake_check("fake.c", log, block_third ? Behaviour::block : Behaviour::confirm));
  return r;
}

RunOptions options_for(const std::string& out, unsigned long long seed = 7, const std::string& profile = "quick") {
  RunOptions o;
  o.out_dir = out;
  o.seed = seed;
  o.profile = profile;
  o.threads = 2;
  o.command_line = {"test_verify"};
  return o;
}

// The child of the kill test: runs the fake registry whose third check blocks forever.
int run_blocking_child(const char* out, const char* log) {
  const Registry registry = fake_registry(log, true);
  SilentProgress silent;
  run_checks(registry, options_for(out), silent);
  return 3;  // unreachable: fake.c blocks until the parent kills this process
}

Evidence full_record() {
  Evidence e;
  e.id = "escape.theorem1.anisotropic";
  e.kind = RecordKind::check;
  e.title = "Exit barrier of an anisotropic quadratic";
  e.paper = "escape";
  e.claim_reference = "Theorem 1";
  e.claim = "ε log E[τ] → V0 = r²/2";
  e.paper_prediction = {"isotropic barrier", "V0 = r²/2", 0.5};
  e.first_principles = Prediction{"λ_min-weighted", "V0 = λ_min r²/D_max", std::nullopt};
  e.measurements = {{"slope", 0.98, 0.95, std::numeric_limits<double>::infinity(), 0.999, "WLS"}};
  e.comparisons = {{"paper", "slope", 0.5, true, "0.5 outside [0.95, inf] at 99.9%", Role::paper}};
  e.negative_control = {
      "doubled", {{"negative control: doubled", "slope", 2.0, false, "inside", Role::negative_control}}, false};
  e.verdict = Verdict::inconclusive;
  e.verdict_reason = "the negative control is not rejected";
  e.correction = std::nullopt;
  e.budget_to_decide = "4x the paths";
  e.decision_rule = "outside the interval";
  e.figures = {{"arrhenius", "log E[τ] against 1/ε", "1/ε", "log E[τ]", false, true,
                {{"measured", SeriesStyle::errorbars, {1, 2}, {0.5, std::nan("")}, {0.4, 0.9}, {0.6, 1.1}},
                 {"fit", SeriesStyle::lines, {1, 2}, {0.5, 1.0}, {}, {}}}}};
  e.profile = Profile::full;
  e.seed = 18446744073709551615ULL;  // the largest seed survives the round trip exactly
  e.parameters = nlohmann::json::parse(R"({"eps":[0.5,0.25],"paths":1000})");
  e.run_key = "0123456789abcdef";
  e.elapsed_s = 12.5;
  e.command = "ldv check escape.theorem1.anisotropic --profile full --seed 18446744073709551615";
  e.provenance = nlohmann::json::parse(R"({"ldv_version":"0.1.0"})");
  return e;
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

struct Run {
  int exit_code;
  std::string out, err;
};

Run run_ldv(const std::string& arguments, const std::string& err_file) {
  const std::string command = std::string(LDV_CLI_PATH) + " " + arguments + " 2>" + err_file;
  Run run{};
  FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) run.out += buffer;
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream err;
  err << std::ifstream(err_file).rdbuf();
  run.err = err.str();
  return run;
}

}  // namespace

// ============================================================================
// The decision rule on synthetic data with known truth.
// Seed 20240611 (Philox, lane "user"); R = 4000 replications of n = 10 normal samples,
// N(3, 2²), each giving the exact Student-t interval of the mean at 95%. Every bound
// below is a one-sided binomial bound at confidence 99.9% (risk 1e-3): with the fixed
// seed the outcome is deterministic, and a correct rule passes it for all but 0.1% of seeds.
// ============================================================================

constexpr std::uint64_t kSeed = 20240611;
constexpr int kReplications = 4000;
constexpr int kSamples = 10;
constexpr double kMean = 3.0, kSd = 2.0, kLevel = 0.95, kRisk = 1e-3;

BOOST_AUTO_TEST_CASE(a_true_prediction_is_rejected_at_rate_at_most_alpha) {
  int rejected = 0, rejected_one_sided = 0;
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    const Measurement m = t_interval_of_normal_mean(kSeed, r, kSamples, kMean, kSd, kLevel);
    rejected += compare("true mean", kMean, m).rejected ? 1 : 0;
    // "mean ≥ 3" is rejected only when the whole interval lies below 3: rate (1 − c)/2.
    rejected_one_sided += compare("at least the true mean", at_least(kMean), m).rejected ? 1 : 0;
  }
  const int bound = binomial_upper_bound(kReplications, 1 - kLevel, kRisk);
  const int bound_one_sided = binomial_upper_bound(kReplications, (1 - kLevel) / 2, kRisk);
  BOOST_TEST_MESSAGE(fmt::format("true prediction rejected {} / {} (bound {}), one-sided {} (bound {})", rejected,
                                 kReplications, bound, rejected_one_sided, bound_one_sided));
  BOOST_TEST(rejected <= bound);
  BOOST_TEST(rejected_one_sided <= bound_one_sided);
}

BOOST_AUTO_TEST_CASE(a_prediction_four_standard_errors_off_is_rejected_at_the_t_test_power) {
  // Predicting μ + 4σ/√n: rejected iff |T| > t_{0.975, 9} with T ~ noncentral t(9, −4);
  // its power (≈ 0.92) is computed exactly, and the observed rate must reach its lower bound.
  const double shift = 4.0 * kSd / std::sqrt(double(kSamples));
  const double t = ldv::stats::student_t_quantile(0.5 + kLevel / 2, kSamples - 1);
  const boost::math::non_central_t_distribution<> law(kSamples - 1, 4.0);
  const double power = boost::math::cdf(law, -t) + boost::math::cdf(boost::math::complement(law, t));
  int rejected = 0;
  for (std::uint32_t r = 0; r < kReplications; ++r)
    rejected += compare("wrong mean", kMean + shift, t_interval_of_normal_mean(kSeed, r, kSamples, kMean, kSd,
                                                                                kLevel))
                    .rejected
                    ? 1
                    : 0;
  const int bound = binomial_lower_bound(kReplications, power, kRisk);
  BOOST_TEST_MESSAGE(fmt::format("wrong prediction rejected {} / {} (power {:.4f}, lower bound {})", rejected,
                                 kReplications, power, bound));
  BOOST_TEST(power > 0.9);
  BOOST_TEST(rejected >= bound);
}

BOOST_AUTO_TEST_CASE(a_paper_prediction_held_against_three_measurements_keeps_the_check_level) {
  // Three independent measurements, each at measurement_confidence(3) = 1 − 0.05/3: a true
  // prediction is REFUTED with probability 1 − (1 − 0.05/3)³ ≤ 0.05 (Bonferroni).
  const Decision levels(kLevel, 1);
  const double each = levels.measurement_confidence(3);
  BOOST_TEST(each == 1 - 0.05 / 3, boost::test_tools::tolerance(1e-14));
  int refuted = 0;
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    Decision decision(kLevel, 1);
    for (std::uint32_t j = 0; j < 3; ++j) {
      Measurement m = t_interval_of_normal_mean(kSeed + 1, 3 * r + j, kSamples, kMean, kSd, each);
      m.name = fmt::format("sample mean {}", j);
      decision.paper(kMean, m).negative_control("mean + 100", kMean + 100, m);
    }
    refuted += decision.decide().verdict == Verdict::refuted ? 1 : 0;
  }
  const int bound = binomial_upper_bound(kReplications, 1 - kLevel, kRisk);
  BOOST_TEST_MESSAGE(fmt::format("true prediction refuted {} / {} (bound {})", refuted, kReplications, bound));
  BOOST_TEST(refuted <= bound);

  // An interval below the level the rule needs is refused, naming the measurement.
  Decision weak(kLevel, 1);
  const Measurement m{"m1", 3, 2, 4, 0.95, "t"};
  weak.paper(3.0, m).paper(3.0, Measurement{"m2", 3, 2, 4, 0.95, "t"});
  const std::string message = error_of([&] { weak.decide(); });
  BOOST_TEST(contains(message, "measurement 'm1' has confidence 0.95"), message);
  BOOST_TEST(contains(message, "0.975"), message);
}

BOOST_AUTO_TEST_CASE(per_check_confidence_is_bonferroni) {
  BOOST_TEST(per_check_confidence(0.99, 10) == 0.999, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(per_check_confidence(0.95, 1) == 0.95, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(contains(error_of([] { per_check_confidence(0.99, 0); }), "family size = 0"));
  BOOST_TEST(contains(error_of([] { per_check_confidence(1.0, 3); }), "family confidence = 1"));
  const Decision d(0.99, 4);
  BOOST_TEST(d.level() == 0.9975, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(contains(d.decide().rule, "99.75% per check"), d.decide().rule);
}

BOOST_AUTO_TEST_CASE(compare_reports_inside_and_outside_and_refuses_nonsense) {
  const Measurement m = interval(1.0, 0.9, 1.1, 0.998);
  const Comparison out = compare("paper", 2.0, m);
  BOOST_TEST(out.rejected);
  BOOST_TEST(out.detail == "2 outside [0.9, 1.1] at 99.8%");
  BOOST_TEST(out.measurement == "E[tau]");
  BOOST_TEST(!compare("paper", 1.1, m).rejected);  // the interval is closed
  BOOST_TEST(!compare("paper", 0.9, m).rejected);
  BOOST_TEST(compare("paper", at_most(0.8), m).rejected);
  BOOST_TEST(!compare("paper", at_most(0.95), m).rejected);
  BOOST_TEST(compare("paper", at_least(1.2), m).rejected);
  BOOST_TEST(!compare("paper", 5.0, interval(1, 0.9, std::numeric_limits<double>::infinity())).rejected);
  BOOST_TEST(contains(error_of([&] { compare("p", std::nan(""), m); }), "predicted value is NaN"));
  BOOST_TEST(contains(error_of([] { compare("p", 1, interval(1, 1.1, 0.9)); }), "[1.1, 0.9]"));
  BOOST_TEST(contains(error_of([] { compare("p", 1, interval(1, 0.9, 1.1, 1.0)); }), "confidence = 1"));
}

// ============================================================================
// Verdict composition.
// ============================================================================

namespace {

// Interval [0.9, 1.1] at 99%; "in" predicts 1.0 (not rejected), "out" predicts 2.0 (rejected).
enum class Stated { none, not_rejected, rejected };
const Measurement kM = interval(1.0, 0.9, 1.1);
double value_of(Stated s, double inside) { return s == Stated::rejected ? 2.0 : inside; }

// The rule as the brief writes it, independently of decision.cpp.
Verdict expected_verdict(bool paper_rejected, Stated correction, Stated alternative, Stated control) {
  const bool control_rejected = control == Stated::rejected;
  const bool alternatives_rejected = alternative != Stated::not_rejected;
  if (!paper_rejected) {
    // The correction predicts 1.05 (differs from the paper's 1.0) when not rejected.
    const bool corrections_rejected = correction != Stated::not_rejected;
    return control_rejected && alternatives_rejected && corrections_rejected ? Verdict::confirmed
                                                                             : Verdict::inconclusive;
  }
  if (correction != Stated::not_rejected) return Verdict::refuted;
  return control_rejected && alternatives_rejected ? Verdict::confirmed_after_correction : Verdict::inconclusive;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_combination_gets_the_written_verdict_and_never_confirmed_without_the_control) {
  int reached[4] = {0, 0, 0, 0};
  const Stated all[] = {Stated::none, Stated::not_rejected, Stated::rejected};
  for (bool paper_rejected : {false, true})
    for (Stated correction : all)
      for (Stated alternative : all)
        for (Stated control : all) {
          Decision d(0.99, 1);
          d.paper(paper_rejected ? 1.5 : 1.0, kM);
          if (correction != Stated::none) d.correction("V0 = corrected", value_of(correction, 1.05), kM);
          if (alternative != Stated::none) d.alternative("isotropic", value_of(alternative, 0.95), kM);
          if (control != Stated::none) d.negative_control("doubled", value_of(control, 1.02), kM);
          const DecisionOutcome o = d.decide();
          const Verdict expected = expected_verdict(paper_rejected, correction, alternative, control);
          BOOST_TEST(to_string(o.verdict) == to_string(expected),
                     "paper rejected " << paper_rejected << ", correction " << int(correction) << ", alternative "
                                       << int(alternative) << ", control " << int(control) << ": " << o.reason);
          if (control != Stated::rejected)
            BOOST_TEST((o.verdict != Verdict::confirmed && o.verdict != Verdict::confirmed_after_correction));
          BOOST_TEST(!o.reason.empty());
          ++reached[static_cast<int>(o.verdict)];
        }
  for (int v = 0; v < 4; ++v) BOOST_TEST(reached[v] > 0, "verdict " << to_string(Verdict(v)) << " never reached");
}

BOOST_AUTO_TEST_CASE(reasons_corrections_and_budgets_say_what_happened) {
  {  // CONFIRMED
    Evidence e;
    Decision(0.99, 1).paper(1.0, kM).alternative("isotropic", 1.5, kM).negative_control("doubled", 2.0, kM).apply_to(e);
    BOOST_TEST(to_string(e.verdict) == "CONFIRMED");
    BOOST_TEST(e.comparisons.size() == 2u);  // paper and alternative; the control's is apart
    BOOST_TEST(e.comparisons[1].prediction == "alternative: isotropic");
    BOOST_TEST(e.negative_control.rejected);
    BOOST_TEST(e.negative_control.description == "doubled");
    BOOST_TEST(e.negative_control.comparisons.at(0).prediction == "negative control: doubled");
    BOOST_TEST(!e.budget_to_decide.has_value());
    BOOST_TEST(contains(e.decision_rule, "99% per check"), e.decision_rule);
  }
  {  // CONFIRMED_AFTER_CORRECTION: the surviving correction is recorded
    Evidence e;
    Decision(0.99, 1)
        .paper(Prediction{"p", "V0 = r²/2", 1.5}, kM)
        .correction(Prediction{"first principles", "V0 = λ r²", 1.0}, kM)
        .negative_control("doubled", 2.0, kM)
        .apply_to(e);
    BOOST_TEST(to_string(e.verdict) == "CONFIRMED_AFTER_CORRECTION");
    BOOST_TEST(e.correction.value_or("") == "V0 = λ r²");
    BOOST_TEST(contains(e.verdict_reason, "1.5 outside [0.9, 1.1]"), e.verdict_reason);
  }
  {  // INCONCLUSIVE with the budget that would decide: half-width 0.1, gap 0.05 → 4× the samples
    Evidence e;
    Decision(0.99, 1).paper(1.0, kM).negative_control("slightly off", 1.05, kM).apply_to(e);
    BOOST_TEST(to_string(e.verdict) == "INCONCLUSIVE");
    BOOST_TEST(contains(e.verdict_reason, "negative control (slightly off) is not rejected"), e.verdict_reason);
    BOOST_TEST(contains(e.budget_to_decide.value_or(""), "about 4 times"), e.budget_to_decide.value_or(""));
  }
  {  // A correction equal to the paper's prediction does not compete with it.
    const DecisionOutcome o =
        Decision(0.99, 1).paper(1.0, kM).correction("same", 1.0, kM).negative_control("d", 2.0, kM).decide();
    BOOST_TEST(to_string(o.verdict) == "CONFIRMED");
  }
  {  // No paper comparison: nothing to decide.
    const DecisionOutcome o = Decision(0.99, 1).negative_control("d", 2.0, kM).decide();
    BOOST_TEST(to_string(o.verdict) == "INCONCLUSIVE");
    BOOST_TEST(contains(o.reason, "held against no measurement"));
  }
  {  // A check's own correction text is kept; the paper's prediction needs a value.
    Evidence e;
    e.correction = "as stated by the check";
    Decision(0.99, 1).paper(1.5, kM).correction("c", 1.0, kM).negative_control("d", 2.0, kM).apply_to(e);
    BOOST_TEST(*e.correction == "as stated by the check");
    BOOST_TEST(contains(error_of([] { Decision(0.99, 1).paper(Prediction{"qualitative", "", std::nullopt}, kM); }),
                        "has no value"));
  }
}

// ============================================================================
// Asserted dependences: a correction that removes or reverses one refutes the claim.
// ============================================================================

namespace {

// The paper predicts 1.5 (rejected by kM = [0.9, 1.1]); each correction predicts 1.0 (kept)
// or 2.0 (rejected); the control 2.0 is rejected unless `control_rejected` is false (1.05).
DecisionOutcome with_corrections(const std::vector<std::pair<DependenceChange, bool>>& corrections,
                                 bool control_rejected = true) {
  Decision d(0.99, 1);
  d.asserts("lambda", "the exponent grows with λ").paper(1.5, kM);
  for (std::size_t i = 0; i < corrections.size(); ++i) {
    const std::string name = fmt::format("correction {}", i);
    d.correction(name, corrections[i].second ? 1.0 : 2.0, kM).correction_effect(name, "lambda", corrections[i].first);
  }
  return d.negative_control("doubled", control_rejected ? 2.0 : 1.05, kM).decide();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_correction_that_keeps_every_asserted_dependence_confirms_after_correction) {
  const DecisionOutcome o = with_corrections({{DependenceChange::keeps, true}});
  BOOST_TEST(to_string(o.verdict) == "CONFIRMED_AFTER_CORRECTION");
  BOOST_TEST(o.correction.value_or("") == "correction 0");
  BOOST_TEST(contains(o.reason, "keeps every dependence the claim asserts"), o.reason);
  BOOST_REQUIRE_EQUAL(o.corrections.size(), 1u);
  BOOST_TEST(o.corrections[0].keeps_every_dependence());
  BOOST_TEST(!o.corrections[0].rejected);
}

BOOST_AUTO_TEST_CASE(a_surviving_correction_that_removes_or_reverses_a_dependence_refutes_the_claim) {
  for (const DependenceChange change : {DependenceChange::removes, DependenceChange::reverses}) {
    const DecisionOutcome o = with_corrections({{change, true}});
    BOOST_TEST(to_string(o.verdict) == "REFUTED", to_string(change));
    BOOST_TEST(o.correction.value_or("") == "correction 0", "the corrected statement is shown");
    BOOST_TEST(contains(o.reason, "it " + to_string(change) + " the asserted dependence 'lambda'"), o.reason);
    BOOST_TEST(contains(o.reason, "the corrected statement is itself confirmed"), o.reason);
  }
  // Its own confirmation needs the negative control: without it the corrected statement is shown unconfirmed.
  const DecisionOutcome weak = with_corrections({{DependenceChange::removes, true}}, false);
  BOOST_TEST(to_string(weak.verdict) == "REFUTED");
  BOOST_TEST(contains(weak.reason, "not itself confirmed: the negative control (doubled) is not rejected"), weak.reason);
  // A keeping correction that survives beside a removing one decides the verdict.
  const DecisionOutcome both = with_corrections({{DependenceChange::removes, true}, {DependenceChange::keeps, true}});
  BOOST_TEST(to_string(both.verdict) == "CONFIRMED_AFTER_CORRECTION");
  BOOST_TEST(both.correction.value_or("") == "correction 1");
  // A keeping correction that is rejected does not rescue the claim.
  const DecisionOutcome rejected = with_corrections({{DependenceChange::keeps, false}, {DependenceChange::removes, true}});
  BOOST_TEST(to_string(rejected.verdict) == "REFUTED");
  // Without an asserted dependence the old rule holds: a surviving correction is CONFIRMED_AFTER_CORRECTION.
  BOOST_TEST(to_string(Decision(0.99, 1).paper(1.5, kM).correction("c", 1.0, kM).negative_control("d", 2.0, kM).decide()
                           .verdict) == "CONFIRMED_AFTER_CORRECTION");
}

BOOST_AUTO_TEST_CASE(every_correction_must_say_what_it_does_to_every_asserted_dependence) {
  Decision silent(0.99, 1);
  silent.asserts("lambda", "grows with λ").paper(1.5, kM).correction("c", 1.0, kM).negative_control("d", 2.0, kM);
  const std::string message = error_of([&] { silent.decide(); });
  BOOST_TEST(contains(message, "the correction \"c\" does not say whether it keeps, removes or reverses the asserted "
                               "dependence \"lambda\""),
             message);
  Decision unknown(0.99, 1);
  unknown.paper(1.5, kM).correction("c", 1.0, kM).correction_effect("c", "radius", DependenceChange::keeps);
  BOOST_TEST(contains(error_of([&] { unknown.decide(); }), "which the claim does not assert"));
  Decision orphan(0.99, 1);
  orphan.asserts("lambda", "grows with λ").paper(1.5, kM).correction_effect("never held", "lambda",
                                                                             DependenceChange::keeps);
  BOOST_TEST(contains(error_of([&] { orphan.decide(); }), "held against no measurement"));
  BOOST_TEST(contains(error_of([] { Decision(0.99, 1).asserts("a", "x").asserts("a", "y"); }), "asserted twice"));
}

// ============================================================================
// Estimates: the Decision counts its comparisons and draws every interval at its level.
// ============================================================================

BOOST_AUTO_TEST_CASE(estimates_are_drawn_at_the_level_the_count_of_paper_comparisons_requires) {
  // A normal estimate with σ = 0.1: at level c its half-width is z_{(1+c)/2} σ.
  const Estimate a = ldv::stats::normal_estimate("a", 1.0, 0.1, 0.0, "synthetic");
  const Estimate b = ldv::stats::normal_estimate("b", 2.0, 0.1, 0.0, "synthetic");
  Decision d(0.99, 1);
  BOOST_TEST(d.measurement_level() == 0.99, boost::test_tools::tolerance(1e-14));  // nothing held yet: k = 1
  d.paper(1.0, a).correction("c", 1.0, a).negative_control("doubled", 2.0, a);
  d.paper(2.0, b).paper(2.0, b);  // the same measurement twice counts once
  const double each = 1 - 0.01 / 2;
  BOOST_TEST(d.measurement_level() == each, boost::test_tools::tolerance(1e-14));
  Evidence e;
  d.report(ldv::stats::normal_estimate("reported only", 5.0, 1.0, 0.0, "synthetic")).apply_to(e);
  BOOST_REQUIRE_EQUAL(e.measurements.size(), 3u);
  const double half = ldv::stats::normal_quantile(0.5 + each / 2) * 0.1;
  BOOST_TEST(e.measurements[0].name == "a");
  BOOST_TEST(e.measurements[0].confidence == each, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(e.measurements[0].ci_high - 1.0 == half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(e.measurements[2].name == "reported only");
  BOOST_TEST(e.measurements[2].confidence == each, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(d.resolve(b).ci_low == 2.0 - half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(contains(e.decision_rule, "held against 2 measurement(s)"), e.decision_rule);
  // Two different measurements under one name are refused.
  Decision clash(0.99, 1);
  clash.paper(1.0, a).paper(1.0, ldv::stats::normal_estimate("a", 3.0, 0.1, 0.0, "other"));
  BOOST_TEST(contains(error_of([&] { clash.decide(); }), "two different measurements are named 'a'"));
}

BOOST_AUTO_TEST_CASE(a_true_prediction_held_against_three_estimates_keeps_the_check_level) {
  // Three independent normal estimates of known σ, the truth held against each: the Decision
  // draws them at 1 − 0.05/3 itself, so a true prediction is REFUTED at rate ≤ 0.05.
  int refuted = 0;
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    Decision decision(kLevel, 1);
    for (std::uint32_t j = 0; j < 3; ++j) {
      ldv::NormalStream normal(kSeed + 2, 3 * r + j, ldv::StreamLane::user);
      const double sigma = kSd / std::sqrt(double(kSamples));
      const Estimate m = ldv::stats::normal_estimate(fmt::format("mean {}", j), kMean + sigma * normal.next(), sigma,
                                                     0.0, "known σ");
      decision.paper(kMean, m).negative_control("mean + 100", kMean + 100, m);
    }
    refuted += decision.decide().verdict == Verdict::refuted ? 1 : 0;
  }
  const int bound = binomial_upper_bound(kReplications, 1 - kLevel, kRisk);
  BOOST_TEST_MESSAGE(fmt::format("true prediction refuted {} / {} (bound {})", refuted, kReplications, bound));
  BOOST_TEST(refuted <= bound);
}

// ============================================================================
// Verdict consistency: checked when a record is written and when it is read.
// ============================================================================

namespace {

// A consistent CONFIRMED record of one measurement [0.9, 1.1].
Evidence confirmed_record() {
  Evidence e = full_record();
  e.id = "escape.consistent";
  e.measurements = {{"slope", 1.0, 0.9, 1.1, 0.99, "synthetic"}};
  e.correction = std::nullopt;
  e.budget_to_decide = std::nullopt;
  Decision(0.99, 1).paper(1.0, e.measurements[0]).negative_control("doubled", 2.0, e.measurements[0]).apply_to(e);
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_record_whose_evidence_does_not_support_its_verdict_is_neither_written_nor_read) {
  TempDir dir;
  BOOST_TEST(consistency_problems(confirmed_record()).empty());
  write_evidence_atomically(dir.str(), confirmed_record());
  struct Case {
    std::string what, fragment;
    std::function<void(Evidence&)> edit;
  };
  const std::vector<Case> cases = {
      {"control not rejected", "negative control was not rejected",
       [](Evidence& e) { e.negative_control.comparisons[0].predicted = 1.0, e.negative_control.comparisons[0].rejected = false,
                         e.negative_control.rejected = false; }},
      {"flag against interval", "says rejected but", [](Evidence& e) { e.comparisons[0].rejected = true; }},
      {"missing measurement", "which the record does not hold", [](Evidence& e) { e.comparisons[0].measurement = "x"; }},
      {"refuted without rejection", "REFUTED but no comparison rejects",
       [](Evidence& e) { e.verdict = Verdict::refuted; }},
      {"corrected without correction", "CONFIRMED_AFTER_CORRECTION but no comparison rejects",
       [](Evidence& e) { e.verdict = Verdict::confirmed_after_correction; }},
      {"inconclusive without budget", "does not say what budget",
       [](Evidence& e) { e.verdict = Verdict::inconclusive; }},
  };
  for (const Case& c : cases) {
    Evidence bad = confirmed_record();
    c.edit(bad);
    const std::string written = error_of([&] { write_evidence_atomically(dir.str(), bad); });
    BOOST_TEST(contains(written, c.fragment), c.what << ": " << written);
    const std::string read = error_of([&] {
      nlohmann::json j = to_json(bad);  // written around the check, as another tool might
      evidence_from_json(j);
    });
    BOOST_TEST(contains(read, "is not supported by the record's own evidence"), c.what << ": " << read);
  }
  // A removing correction may not stand behind CONFIRMED_AFTER_CORRECTION.
  Evidence flattering = confirmed_record();
  Decision d(0.99, 1);
  d.asserts("lambda", "grows with λ")
      .paper(1.5, flattering.measurements[0])
      .correction("c", 1.0, flattering.measurements[0])
      .correction_effect("c", "lambda", DependenceChange::removes)
      .negative_control("doubled", 2.0, flattering.measurements[0])
      .apply_to(flattering);
  BOOST_TEST(to_string(flattering.verdict) == "REFUTED");
  BOOST_TEST(consistency_problems(flattering).empty());
  flattering.verdict = Verdict::confirmed_after_correction;
  const std::string message = error_of([&] { write_evidence_atomically(dir.str(), flattering); });
  BOOST_TEST(contains(message, "no stated correction both survives every measurement and keeps every asserted "
                               "dependence"),
             message);
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(records_of_the_old_schema_are_refused_with_the_reason) {
  nlohmann::json j = to_json(full_record());
  j["schema"] = "ldv.evidence/1";
  const std::string message = error_of([&] { evidence_from_json(j); });
  BOOST_TEST(contains(message, "no longer read"), message);
  BOOST_TEST(contains(message, "rerun the check"), message);
}

BOOST_AUTO_TEST_CASE(papers_are_registered_once_and_named_by_key) {
  BOOST_TEST(find_paper("regularizer").authors.find("Wenqing Hu") != std::string::npos);
  BOOST_TEST(contains(find_paper("escape").bibtex(), "title = {Quasi-potential theory for escape problem"));
  BOOST_TEST(contains(error_of([] { find_paper("nope"); }), "unknown paper key 'nope'; known papers: escape, regularizer"));
  nlohmann::json j = to_json(full_record());
  BOOST_TEST(j["paper_title"] == find_paper("escape").title);
  j["paper"] = "nope";
  BOOST_TEST(contains(error_of([&] { evidence_from_json(j); }), "paper: unknown paper key 'nope'"));
  Registry r;
  Check c = fake_check("x.y", "/dev/null", Behaviour::confirm);
  c.paper = "nope";
  BOOST_TEST(contains(error_of([&] { r.add(c); }), "check x.y: unknown paper key 'nope'"));
}

BOOST_AUTO_TEST_CASE(enumerations_round_trip_through_their_spellings) {
  for (Role r : {Role::paper, Role::correction, Role::alternative, Role::negative_control})
    BOOST_TEST((parse_role(to_string(r)) == r));
  for (Profile p : {Profile::quick, Profile::full}) BOOST_TEST((parse_profile(to_string(p)) == p));
  for (SeriesStyle st : {SeriesStyle::points, SeriesStyle::lines, SeriesStyle::errorbars})
    BOOST_TEST((parse_series_style(to_string(st)) == st));
  for (DependenceChange c : {DependenceChange::keeps, DependenceChange::removes, DependenceChange::reverses})
    BOOST_TEST((parse_dependence_change(to_string(c)) == c));
  BOOST_TEST(contains(error_of([] { parse_role("judge"); }),
                      "role \"judge\" is not one of: paper, correction, alternative, negative_control"));
  const nlohmann::json j = to_json(confirmed_record());
  BOOST_TEST(j["comparisons"][0]["role"] == "paper");
  BOOST_TEST(j["negative_control"]["comparisons"][0]["role"] == "negative_control");
  BOOST_TEST(j["comparisons"][0]["relation"] == "equals");
  nlohmann::json bad = j;
  bad["comparisons"][0]["role"] = "judge";
  BOOST_TEST(contains(error_of([&] { evidence_from_json(bad); }), "comparisons[0].role: role \"judge\""));
}

// ============================================================================
// Evidence records as JSON.
// ============================================================================

BOOST_AUTO_TEST_CASE(a_record_survives_the_json_round_trip) {
  const Evidence e = full_record();
  const nlohmann::json j = to_json(e);
  BOOST_TEST(j["schema"] == "ldv.evidence/2");
  BOOST_TEST(j["parameters"].is_object());  // embedded, not a string
  BOOST_TEST(j["provenance"]["ldv_version"] == "0.1.0");
  BOOST_TEST(j["measurements"][0]["ci_high"] == "Infinity");
  BOOST_TEST(j["first_principles"]["value"].is_null());
  BOOST_TEST(j["correction"].is_null());

  const Evidence back = evidence_from_json(nlohmann::json::parse(j.dump()));
  BOOST_TEST(to_json(back) == j);
  BOOST_TEST(std::isinf(back.measurements[0].ci_high));
  BOOST_TEST(std::isnan(back.figures[0].series[0].y[1]));
  BOOST_TEST(back.seed == 18446744073709551615ULL);
  BOOST_TEST(back.parameters.dump() == R"({"eps":[0.5,0.25],"paths":1000})");
  BOOST_TEST(!back.first_principles->value.has_value());
  BOOST_TEST(back.budget_to_decide.value_or("") == "4x the paths");

  // Optional fields may be absent as well as null.
  nlohmann::json lean = j;
  lean.erase("first_principles");
  lean.erase("correction");  // (budget_to_decide may not be absent here: the record is INCONCLUSIVE)
  lean["paper_prediction"].erase("value");
  const Evidence lean_back = evidence_from_json(lean);
  BOOST_TEST(!lean_back.first_principles.has_value());
  BOOST_TEST(!lean_back.paper_prediction.value.has_value());
}

// Tables (optional field "tables"): written always, read when present; a record without them still loads.
Evidence record_with_a_table() {
  Evidence e = full_record();
  e.tables.push_back({"table_a", "Table 1 <quadratic> & | rows", {"row", "formula", "V0"},
                      {{"Ours", "2r²√λ", "2.83"}, {"measured", "slope", "0.9 [0.7, 1.2]"}}, "note: ε = η/B"});
  e.tables.push_back({"empty_rows", "no rows yet", {"only column"}, {}, ""});
  return e;
}

BOOST_AUTO_TEST_CASE(a_record_with_tables_survives_the_json_round_trip) {
  const Evidence e = record_with_a_table();
  const nlohmann::json j = to_json(e);
  BOOST_TEST(j["tables"].size() == 2u);
  const Evidence back = evidence_from_json(nlohmann::json::parse(j.dump()));
  BOOST_TEST(to_json(back) == j);
  BOOST_REQUIRE(back.tables.size() == 2u);
  BOOST_TEST(back.tables[0].name == "table_a");
  BOOST_TEST(back.tables[0].title == e.tables[0].title);
  BOOST_TEST(back.tables[0].columns == e.tables[0].columns);
  BOOST_TEST(back.tables[0].rows == e.tables[0].rows);
  BOOST_TEST(back.tables[0].note == e.tables[0].note);
  BOOST_TEST(back.tables[1].rows.empty());
  // Written always (an empty array), read as optional: records written before tables existed load with none.
  BOOST_TEST(to_json(full_record())["tables"] == nlohmann::json::array());
  nlohmann::json old = to_json(full_record());
  old.erase("tables");
  BOOST_TEST(evidence_from_json(old).tables.empty());
}

BOOST_AUTO_TEST_CASE(malformed_tables_name_the_path) {
  const nlohmann::json good = to_json(record_with_a_table());
  const auto error_with = [&](auto edit) {
    nlohmann::json j = good;
    edit(j);
    return error_of([&] { evidence_from_json(j); });
  };
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"] = "none"; }), "tables: expected an array"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["name"] = "Table A"; }),
                      "tables[0].name: \"Table A\" is not a name of [a-z0-9_]+"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][1]["name"] = "table_a"; }),
                      "tables[1].name: \"table_a\" is used by two tables"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["columns"] = nlohmann::json::array(); }),
                      "tables[0].columns: a table needs at least one column"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["rows"][1].erase(2); }),
                      "tables[0].rows[1]: 2 cells, expected 3"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["rows"][0].push_back("x"); }),
                      "tables[0].rows[0]: 4 cells, expected 3"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["rows"][0][1] = 2.5; }),
                      "tables[0].rows[0][1]: expected a string, got number"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["columns"][0] = nullptr; }),
                      "tables[0].columns[0]: expected a string, got null"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0].erase("note"); }), "tables[0].note: required field is missing"));
  BOOST_TEST(contains(error_with([](auto& j) { j["tables"][0]["rows"] = "x"; }), "tables[0].rows: expected an array"));
}

BOOST_AUTO_TEST_CASE(malformed_records_name_the_field) {
  const nlohmann::json good = to_json(full_record());
  const auto error_with = [&](auto edit) {
    nlohmann::json j = good;
    edit(j);
    return error_of([&] { evidence_from_json(j); });
  };
  BOOST_TEST(contains(error_with([](auto& j) { j.erase("claim"); }), "claim: required field is missing"));
  BOOST_TEST(contains(error_with([](auto& j) { j["seed"] = "7"; }), "seed: expected a non-negative integer, got string"));
  BOOST_TEST(contains(error_with([](auto& j) { j["seed"] = -1; }), "seed: expected a non-negative integer"));
  BOOST_TEST(contains(error_with([](auto& j) { j["measurements"][0]["ci_low"] = true; }),
                      "measurements[0].ci_low: expected a number, got boolean"));
  BOOST_TEST(contains(error_with([](auto& j) { j["figures"][0]["series"][1]["y"][0] = "x"; }),
                      "figures[0].series[1].y[0]: expected a number"));
  BOOST_TEST(contains(error_with([](auto& j) { j["schema"] = "ldv.evidence/0"; }), "schema: \"ldv.evidence/0\""));
  BOOST_TEST(contains(error_with([](auto& j) { j["verdict"] = "PROBABLY"; }), "verdict: verdict \"PROBABLY\""));
  BOOST_TEST(contains(error_with([](auto& j) { j["parameters"] = "{}"; }), "parameters: expected a JSON object"));
  BOOST_TEST(contains(error_with([](auto& j) { j["negative_control"]["rejected"] = 0; }),
                      "negative_control.rejected: expected a boolean"));
  BOOST_TEST(contains(error_with([](auto& j) { j["figures"][0]["name"] = "Bad Name"; }), "figures[0].name"));
  BOOST_TEST(contains(error_with([](auto& j) { j["figures"][0]["series"][1]["y"].push_back(1); }),
                      "x has 2 points but y has 3"));
  BOOST_TEST(contains(error_with([](auto& j) { j["profile"] = "medium"; }), "profile: \"medium\""));
  BOOST_TEST(contains(error_of([] { evidence_from_json(nlohmann::json::array()); }), "expected a JSON object"));

  Evidence bad = full_record();
  bad.parameters = "not an object";
  BOOST_TEST(contains(error_of([&] { to_json(bad); }), "parameters: expected a JSON object"));
}

BOOST_AUTO_TEST_CASE(a_directory_of_records_reports_every_bad_file_with_its_path) {
  TempDir dir;
  const std::string evidence = dir.str("run/evidence");  // created by the first write
  write_evidence_atomically(evidence, full_record());
  Evidence second = full_record();
  second.id = "escape.theorem2";
  write_evidence_atomically(evidence, second);
  nlohmann::json j = to_json(full_record());

  write_text(evidence + "/broken.json", "{\"schema\": ");
  j["id"] = "missing.field";
  j.erase("verdict");
  write_text(evidence + "/missing.field.json", j.dump());
  j = to_json(full_record());
  j["id"] = "wrong.type";
  j["elapsed_s"] = "fast";
  write_text(evidence + "/wrong.type.json", j.dump());
  j = to_json(full_record());
  j["id"] = "wrong.schema";
  j["schema"] = "other/2";
  write_text(evidence + "/wrong.schema.json", j.dump());
  write_text(evidence + "/misnamed.json", to_json(second).dump());  // holds escape.theorem2
  // Ignored, by name: a killed writer's temporary, a dot-file, and anything not *.json.
  write_text(evidence + "/.escape.theorem3.json.tmp-AbC123", "{\"sch");
  write_text(evidence + "/.hidden.json", "garbage");
  write_text(evidence + "/notes.txt", "garbage");

  const EvidenceSet set = load_evidence_directory(evidence);
  BOOST_REQUIRE_EQUAL(set.records.size(), 2u);
  BOOST_TEST(set.records[0].id == "escape.theorem1.anisotropic");  // sorted by id
  BOOST_TEST(set.records[1].id == "escape.theorem2");
  BOOST_REQUIRE_EQUAL(set.errors.size(), 5u);
  const auto error_for = [&](const std::string& file) {
    for (const LoadError& e : set.errors)
      if (e.path == evidence + "/" + file) return e.path + ": " + e.reason;
    return std::string("(no error for ") + file + ")";
  };
  BOOST_TEST(contains(error_for("broken.json"), "malformed JSON"), error_for("broken.json"));
  BOOST_TEST(contains(error_for("missing.field.json"), "verdict: required field is missing"));
  BOOST_TEST(contains(error_for("wrong.type.json"), "elapsed_s: expected a number"));
  BOOST_TEST(contains(error_for("wrong.schema.json"), "schema: \"other/2\""));
  BOOST_TEST(contains(error_for("misnamed.json"), "expected a file named escape.theorem2.json"));

  BOOST_TEST(contains(error_of([&] { load_evidence_directory(dir.str("nowhere")); }), "does not exist"));
}

BOOST_AUTO_TEST_CASE(an_atomic_write_leaves_only_the_final_file_and_refuses_invalid_records) {
  TempDir dir;
  const std::string evidence = dir.str("a/b/evidence");
  write_evidence_atomically(evidence, full_record());
  write_evidence_atomically(evidence, full_record());  // replaces in place
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(evidence)) names.push_back(entry.path().filename().string());
  BOOST_REQUIRE_EQUAL(names.size(), 1u);
  BOOST_TEST(names[0] == "escape.theorem1.anisotropic.json");
  const fs::perms mode = fs::status(evidence + "/" + names[0]).permissions();
  BOOST_TEST(((mode & fs::perms::others_read) != fs::perms::none), "records are world-readable (0644)");

  Evidence bad = full_record();
  bad.figures[0].series[0].y_low = {1.0};  // not the size of y
  BOOST_TEST(contains(error_of([&] { write_evidence_atomically(evidence, bad); }), "y_low: 1 points, expected 0 or 2"));
  BOOST_TEST(std::distance(fs::directory_iterator(evidence), fs::directory_iterator()) == 1);
}

// ============================================================================
// Registry.
// ============================================================================

BOOST_AUTO_TEST_CASE(the_registry_validates_ids_and_names_unknown_ones) {
  Registry r;
  r.add(fake_check("escape.theorem1.isotropic", "/dev/null", Behaviour::confirm));
  r.add(fake_check("regularizer.example_4_1", "/dev/null", Behaviour::confirm));
  for (const char* bad : {"Escape.x", "a..b", ".a", "a.", "a/b", "", "a b"})
    BOOST_TEST(contains(error_of([&] { r.add(fake_check(bad, "/dev/null", Behaviour::confirm)); }),
                        fmt::format("check ID \"{}\" is malformed", bad)));
  BOOST_TEST(contains(error_of([&] { r.add(fake_check("escape.theorem1.isotropic", "", Behaviour::confirm)); }),
                      "registered twice"));
  Check no_run = fake_check("x.y", "", Behaviour::confirm);
  no_run.run = nullptr;
  BOOST_TEST(contains(error_of([&] { r.add(no_run); }), "check x.y: no run function"));
  BOOST_TEST(r.find("regularizer.example_4_1").paper == "escape");
  const std::string unknown = error_of([&] { r.find("escape.nope"); });
  BOOST_TEST(contains(unknown, "unknown check ID 'escape.nope'"), unknown);
  BOOST_TEST(contains(unknown, "escape.theorem1.isotropic, regularizer.example_4_1"), unknown);
}

// ============================================================================
// Runner.
// ============================================================================

BOOST_AUTO_TEST_CASE(bad_run_options_are_rejected_before_anything_runs) {
  TempDir dir;
  const std::string log = dir.str("runs.log");
  const Registry registry = fake_registry(log, false);
  SilentProgress silent;
  RunOptions o = options_for(dir.str("out"));
  o.profile = "medium";
  BOOST_TEST(contains(error_of([&] { run_checks(registry, o, silent); }), "profile 'medium' is not one of: quick, full"));
  o = options_for(dir.str("out"));
  o.ids = {"fake.a", "fake.nope"};
  const std::string unknown = error_of([&] { run_checks(registry, o, silent); });
  BOOST_TEST(contains(unknown, "unknown check ID 'fake.nope'; known IDs: fake.a, fake.b, fake.c"), unknown);
  o = options_for(dir.str("out"));
  o.threads = -1;
  BOOST_TEST(contains(error_of([&] { run_checks(registry, o, silent); }), "threads = -1"));
  o = options_for(dir.str("out"));
  o.family_confidence = 1.5;
  BOOST_TEST(contains(error_of([&] { run_checks(registry, o, silent); }), "family confidence = 1.5"));
  BOOST_TEST(!fs::exists(log));  // no check ran
  BOOST_TEST(!fs::exists(dir.str("out")));
}

BOOST_AUTO_TEST_CASE(the_runner_fills_the_bookkeeping_and_decides_subsets_like_the_whole) {
  TempDir dir;
  const std::string log = dir.str("runs.log");
  const Registry registry = fake_registry(log, false);
  SilentProgress silent;
  RunOptions subset = options_for(dir.str("out"), 7);
  subset.ids = {"fake.b", "fake.b"};  // repeated: runs once
  subset.data_dir = "/data/sets";
  const RunSummary first = run_checks(registry, subset, silent);
  BOOST_REQUIRE_EQUAL(first.outcomes.size(), 1u);
  BOOST_TEST((first.outcomes[0].status == CheckStatus::computed));
  BOOST_TEST(read_lines(log).at(0) == "fake.b quick 7 data=/data/sets");  // the data directory reaches the check

  const RunSummary all = run_checks(registry, options_for(dir.str("out"), 7), silent);
  BOOST_REQUIRE_EQUAL(all.outcomes.size(), 3u);
  BOOST_TEST((all.outcomes[1].status == CheckStatus::reused));  // fake.b, from the subset run
  BOOST_TEST(all.count(CheckStatus::computed) == 2);
  BOOST_TEST(runs_of(read_lines(log), "fake.b") == 1);

  const EvidenceSet set = load_evidence_directory(evidence_directory(dir.str("out")));
  BOOST_TEST(set.errors.empty());
  BOOST_REQUIRE_EQUAL(set.records.size(), 3u);
  for (const Evidence& e : set.records) {
    // Family of the 3 registered checks at 99%: 1 − 0.01/3 for every check, subset or not.
    BOOST_TEST(e.measurements.at(0).confidence == 1 - 0.01 / 3, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(to_string(e.verdict) == "CONFIRMED");
    BOOST_TEST(e.title == "fake check " + e.id);
    BOOST_TEST(e.paper == "escape");
    BOOST_TEST(e.command == "ldv check " + e.id + " --profile quick --seed 7");
    BOOST_TEST(e.parameters.dump() == R"({"eps":[0.5,0.25],"paths":100})");
    BOOST_TEST(e.run_key.size() == 16u);
    BOOST_TEST(e.elapsed_s >= 0.0);
    BOOST_TEST(e.provenance["command_line"][0] == "test_verify");
  }
}

BOOST_AUTO_TEST_CASE(the_data_directory_is_the_option_else_the_environment) {
  ::setenv("LDV_DATA_DIR", "/from/env", 1);
  BOOST_TEST(resolve_data_dir("/from/option") == "/from/option");
  BOOST_TEST(resolve_data_dir("") == "/from/env");
  ::unsetenv("LDV_DATA_DIR");
  BOOST_TEST(resolve_data_dir("").empty());
}

BOOST_AUTO_TEST_CASE(run_keys_are_stable_and_see_every_input) {
  const std::string base = run_key("a.b", R"({"x": 1, "y": [1,2]})", "quick", 7, 0.99, 3, "0.1.0");
  BOOST_TEST(base.size() == 16u);
  BOOST_TEST(base.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(run_key("a.b", R"({"y":[1,2],"x":1})", "quick", 7, 0.99, 3, "0.1.0") == base);  // canonical JSON
  BOOST_TEST(run_key("a.c", R"({"x": 1, "y": [1,2]})", "quick", 7, 0.99, 3, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 2, "y": [1,2]})", "quick", 7, 0.99, 3, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 1, "y": [1,2]})", "full", 7, 0.99, 3, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 1, "y": [1,2]})", "quick", 8, 0.99, 3, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 1, "y": [1,2]})", "quick", 7, 0.95, 3, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 1, "y": [1,2]})", "quick", 7, 0.99, 4, "0.1.0") != base);
  BOOST_TEST(run_key("a.b", R"({"x": 1, "y": [1,2]})", "quick", 7, 0.99, 3, "0.2.0") != base);
}

BOOST_AUTO_TEST_CASE(a_failing_check_is_reported_and_the_others_carry_on) {
  TempDir dir;
  const std::string log = dir.str("runs.log");
  Registry registry;
  registry.add(fake_check("fake.a", log, Behaviour::confirm));
  registry.add(fake_check("fake.broken", log, Behaviour::fail));
  registry.add(fake_check("fake.c", log, Behaviour::confirm));
  std::ostringstream lines;
  const auto progress = make_line_progress(lines);
  const RunSummary summary = run_checks(registry, options_for(dir.str("out")), *progress);
  BOOST_TEST(summary.failed() == 1);
  BOOST_TEST(summary.count(CheckStatus::computed) == 2);
  BOOST_TEST(summary.outcomes[1].error == "fake failure of fake.broken");
  BOOST_TEST(!fs::exists(evidence_directory(dir.str("out")) + "/fake.broken.json"));
  BOOST_TEST(contains(lines.str(), "fake.broken: FAILED: fake failure of fake.broken"), lines.str());
  // The failed check runs again next time; the others are reused.
  run_checks(registry, options_for(dir.str("out")), *progress);
  const auto runs = read_lines(log);
  BOOST_TEST(runs_of(runs, "fake.broken") == 2);
  BOOST_TEST(runs_of(runs, "fake.a") == 1);
}

BOOST_AUTO_TEST_CASE(a_killed_run_resumes_with_only_the_missing_check) {
  TempDir dir;
  const std::string out = dir.str("out"), log = dir.str("runs.log");
  const std::string evidence = evidence_directory(out);

  // The child re-executes this binary (a fresh process: forking a process whose TBB
  // threads already run is unsafe) in the mode of main() below.
  std::vector<std::string> env_strings = {"LDV_TEST_VERIFY_CHILD_OUT=" + out, "LDV_TEST_VERIFY_CHILD_LOG=" + log};
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  char self[] = "/proc/self/exe";
  char* argv[] = {self, nullptr};
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    ::execve(self, argv, envp.data());
    ::_exit(127);
  }

  // Wait (at most 60 s) until fake.a and fake.b are recorded and fake.c has started.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < deadline) {
    ready = fs::exists(evidence + "/fake.a.json") && fs::exists(evidence + "/fake.b.json") &&
            runs_of(read_lines(log), "fake.c") == 1;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_REQUIRE_MESSAGE(ready, "the child did not record fake.a and fake.b and start fake.c within 60 s");
  BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));

  // What is under a final name is complete; the killed check left no record.
  std::vector<std::string> finals;
  for (const auto& entry : fs::directory_iterator(evidence))
    if (entry.path().filename().string().front() != '.') finals.push_back(entry.path().filename().string());
  std::sort(finals.begin(), finals.end());
  BOOST_TEST(finals == (std::vector<std::string>{"fake.a.json", "fake.b.json"}), boost::test_tools::per_element());
  const EvidenceSet after_kill = load_evidence_directory(evidence);
  BOOST_TEST(after_kill.errors.empty());
  BOOST_TEST(after_kill.records.size() == 2u);

  // Resume: only fake.c runs.
  const Registry registry = fake_registry(log, false);
  SilentProgress silent;
  const RunSummary resumed = run_checks(registry, options_for(out), silent);
  BOOST_TEST(resumed.count(CheckStatus::reused) == 2);
  BOOST_TEST((resumed.outcomes[2].status == CheckStatus::computed));
  auto runs = read_lines(log);
  BOOST_TEST(runs_of(runs, "fake.a") == 1);
  BOOST_TEST(runs_of(runs, "fake.b") == 1);
  BOOST_TEST(runs_of(runs, "fake.c") == 2);  // killed once, completed now

  // Nothing changed: nothing runs. Another seed or profile: everything runs again.
  run_checks(registry, options_for(out), silent);
  BOOST_TEST(read_lines(log).size() == runs.size());
  const RunSummary reseeded = run_checks(registry, options_for(out, 8), silent);
  BOOST_TEST(reseeded.count(CheckStatus::computed) == 3);
  BOOST_TEST(reseeded.outcomes[0].note == "inputs changed since the existing record; recomputed");
  const RunSummary full = run_checks(registry, options_for(out, 8, "full"), silent);
  BOOST_TEST(full.count(CheckStatus::computed) == 3);
  runs = read_lines(log);
  BOOST_TEST(runs.size() == 10u);  // 3 (child) + 1 (resume) + 3 (seed 8) + 3 (full)
  BOOST_TEST(runs_of(runs, "fake.a") == 3);
  BOOST_TEST(runs.back().find(" full 8") != std::string::npos, runs.back());

  // An unreadable record is recomputed, and the progress line says why.
  write_text(evidence + "/fake.a.json", "{");
  std::ostringstream lines;
  const auto progress = make_line_progress(lines);
  run_checks(registry, options_for(out, 8, "full"), *progress);
  BOOST_TEST(runs_of(read_lines(log), "fake.a") == 4);
  BOOST_TEST(contains(lines.str(), "existing record unreadable (malformed JSON"), lines.str());
}

// ============================================================================
// Progress.
// ============================================================================

BOOST_AUTO_TEST_CASE(progress_lines_and_the_terminal_bar) {
  CheckOutcome computed{"escape.a", "t", CheckStatus::computed, Verdict::confirmed, 12.34, "", "", "p"};
  CheckOutcome reused{"escape.b", "t", CheckStatus::reused, Verdict::refuted, 3.0, "", "", "p"};
  CheckOutcome failed{"escape.c", "t", CheckStatus::failed, std::nullopt, 0.1, "boom", "", ""};
  BOOST_TEST(progress_line(1, 3, computed) == "[1/3] escape.a: CONFIRMED (12.3 s)");
  BOOST_TEST(progress_line(2, 3, reused) == "[2/3] escape.b: REFUTED (reused)");
  BOOST_TEST(progress_line(3, 3, failed) == "[3/3] escape.c: FAILED: boom");

  std::ostringstream bar;
  {
    const auto terminal = make_terminal_progress(bar, 0.0);  // no ticker thread in a test
    terminal->begin(2);
    terminal->started("escape.a");
    terminal->finished(computed);
    terminal->started("escape.b");
    terminal->finished(reused);
    terminal->end();
  }
  const std::string text = bar.str();
  BOOST_TEST(contains(text, "\r\033[K[1/2] escape.a: CONFIRMED (12.3 s)\n"), text);
  BOOST_TEST(contains(text, "1/2 (0 reused, 0 failed)"), text);
  BOOST_TEST(contains(text, "2/2 (1 reused, 0 failed)"), text);
  BOOST_TEST(contains(text, "ETA 0s"), text);
  BOOST_TEST(contains(text, "| escape.a"), text);  // the running check is shown
}

// ============================================================================
// `ldv check` on bad input: exit 1, a message, nothing on stdout.
// ============================================================================

BOOST_AUTO_TEST_CASE(ldv_check_rejects_bad_input_clearly) {
  TempDir dir;
  const std::string err = dir.str("stderr.txt");
  const std::string out = " --out " + dir.str("out");
  struct Case {
    std::string arguments, fragment;
  };
  for (const Case& c : {Case{"check no.such.check" + out, "unknown check ID 'no.such.check'"},
                        Case{"check --all --profile medium" + out, "profile 'medium' is not one of: quick, full"},
                        Case{"check --all --seed -3" + out, "seed = -3"},
                        Case{"check" + out, "nothing to run"}}) {
    const Run run = run_ldv(c.arguments, err);
    BOOST_TEST(run.exit_code == 1, c.arguments);
    BOOST_TEST(run.out.empty(), c.arguments << ": stdout was " << run.out);
    BOOST_TEST(contains(run.err, c.fragment), c.arguments << ": stderr was " << run.err);
  }
  BOOST_TEST(!fs::exists(dir.str("out")));
  const Run list = run_ldv("check --list", err);
  BOOST_TEST(list.exit_code == 0, list.err);
}

int main(int argc, char* argv[]) {
  if (const char* out = std::getenv("LDV_TEST_VERIFY_CHILD_OUT"))
    return run_blocking_child(out, std::getenv("LDV_TEST_VERIFY_CHILD_LOG"));
  return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
