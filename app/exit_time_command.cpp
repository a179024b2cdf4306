// `ldv exit-time`: mean exit time of a model from a ball by Monte Carlo.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "exit_time_methods.hpp"
#include "exit_time_splitting.hpp"
#include "json_output.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/point_parser.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/sim/sgd.hpp"

namespace ldv::app {
namespace {

// Paths still inside after this many steps are censored unless --max-time says otherwise.
constexpr double kDefaultMaxSteps = 1e7;

struct ExitTimeOptions {
  std::string model_spec;
  std::optional<double> eps, step, learning_rate, batch_size, max_time;
  std::optional<double> tolerance;  // relative total error: multilevel (exit_time_methods.hpp)
  std::string method = "direct";  // direct | splitting (exit_time_splitting.hpp) | pde (exit_time_methods.hpp)
  double radius = 0.0;
  std::string center, start, estimator = "gobet-menozzi";
  std::string scheme = "auto";  // euler | exponential | auto (resolve_scheme)
  // Signed so that "-5" is reported as negative rather than wrapped around.
  std::optional<std::int64_t> paths;  // fixed-step runs only
  std::int64_t seed = 1;
  int threads = 0;
  double confidence = 0.95;
  bool json = false;
  SplittingOptions splitting;
};

NoiseAndStep resolve_noise_and_step(const ExitTimeOptions& o) {
  const bool diffusion_form = o.eps || o.step;
  const bool sgd_form = o.learning_rate || o.batch_size;
  if (diffusion_form && sgd_form)
    throw_invalid("give either --eps and --step, or --lr and --batch (ε = η/B, h = η), not both");
  if (sgd_form) {
    if (!o.learning_rate || !o.batch_size) throw_invalid("--lr and --batch go together (ε = η/B, h = η)");
    return sgd_noise_and_step(*o.learning_rate, *o.batch_size);
  }
  if (!o.eps || !o.step) throw_invalid("--eps and --step are required (or --lr and --batch)");
  return {*o.eps, *o.step};
}

// --method pde needs no step; --tolerance takes --step as the coarsest step of its ladder.
NoiseAndStep resolve_for_method(const ExitTimeOptions& o) {
  if (o.method == "pde" && o.eps && !o.step && !o.learning_rate && !o.batch_size) return {*o.eps, 1.0};
  return resolve_noise_and_step(o);
}

// auto: the exponential step for --tolerance on a linear drift, where it is the exact transition
// and leaves only the boundary's bias (sim/exponential_euler.hpp); Euler everywhere else — for
// a nonlinear drift the frozen Jacobian gives no smaller bias than Euler (measured on
// Maier–Stein, tests/test_exponential_euler.cpp), and a fixed-step run keeps Euler's chain,
// which is SGD's (--lr/--batch). An explicit exponential step is refused for SGD and splitting.
StepScheme resolve_scheme(const ExitTimeOptions& o, const Model& model) {
  if (o.scheme == "auto")
    return o.tolerance && o.method == "direct" && model.linear_drift() ? StepScheme::exponential_euler
                                                                        : StepScheme::euler;
  const StepScheme scheme = parse_step_scheme(o.scheme);
  if (scheme == StepScheme::exponential_euler && (o.learning_rate || o.batch_size))
    throw_invalid("--scheme exponential does not apply to --lr/--batch: the SGD chain is Euler's step");
  if (scheme == StepScheme::exponential_euler && o.method == "splitting")
    throw_invalid("--scheme exponential does not apply to --method splitting, which runs the Euler step");
  return scheme;
}

void run_exit_time(const ExitTimeOptions& o, const std::vector<std::string>& command_line) {
  Model model = parse_model_spec(o.model_spec);
  const int d = model.dimension();
  if (o.method != "direct" && o.method != "splitting" && o.method != "pde")
    throw_invalid(fmt::format("unknown --method '{}': expected direct, splitting or pde", o.method));
  const NoiseAndStep noise = resolve_for_method(o);
  Vector center = o.center.empty() ? Vector(Vector::Zero(d)) : parse_point("--center", o.center);
  Vector start = o.start.empty() ? center : parse_point("--start", o.start);
  const double max_time = o.max_time ? *o.max_time : kDefaultMaxSteps * noise.step;
  ExitTimeProblem problem{std::move(model), Ball(std::move(center), o.radius), std::move(start), noise.eps,
                          noise.step,       max_time,                          parse_exit_estimator(o.estimator)};
  problem.scheme = resolve_scheme(o, problem.model);
  if (o.method == "splitting") {
    if (o.paths)
      throw_invalid("--paths does not apply to --method splitting (its budget is --particles and --replicas)");
    if (o.tolerance) throw_invalid("--tolerance goes with --method direct or pde, not splitting");
    SplittingOptions splitting = o.splitting;
    splitting.seed = o.seed;
    splitting.threads = o.threads;
    splitting.confidence = o.confidence;
    splitting.json = o.json;
    return run_exit_time_splitting(problem, splitting, command_line);
  }
  if (o.paths && *o.paths < 0) throw_invalid(fmt::format("paths = {} must not be negative", *o.paths));
  if (o.seed < 0) throw_invalid(fmt::format("seed = {} must be >= 0", o.seed));
  if (o.method == "pde" || o.tolerance) {
    if (o.paths) throw_invalid("--paths goes with a fixed-step run; --tolerance and --method pde choose their own");
    nlohmann::json echo = {{"eps", noise.eps},
                           {"radius", problem.domain.radius()},
                           {"center", vector_json(problem.domain.center())},
                           {"start", vector_json(problem.start)},
                           {"model", nlohmann::json::parse(problem.model.spec_json())},
                           {"seed", o.seed},
                           {"provenance", provenance(command_line)}};
    if (o.method != "pde")
      echo.update({{"estimator", to_string(problem.estimator)}, {"scheme", to_string(problem.scheme)}, {"max_time", max_time}});
    const ExitTimeRequest request{std::move(problem), o.tolerance, o.confidence, static_cast<std::uint64_t>(o.seed),
                                  o.threads, o.json, std::move(echo)};
    if (o.method == "pde") run_exit_time_pde(request);
    else run_exit_time_to_tolerance(request);
    return;
  }
  if (!o.paths) throw_invalid("--paths is required for a fixed-step run (or give --tolerance or --method pde)");
  const MonteCarloSettings settings{static_cast<std::uint64_t>(*o.paths), static_cast<std::uint64_t>(o.seed),
                                    o.threads, o.confidence, false};
  const ExitTimeResult result = estimate_exit_time(problem, settings);
  const stats::MeanEstimate& e = result.estimate;

  if (o.json) {
    nlohmann::json out = {
        {"command", "exit-time"},
        {"mean", finite_or_null(e.mean)},
        {"ci_low", finite_or_null(e.ci_low)},
        {"ci_high", finite_or_null(e.ci_high)},
        {"confidence", e.confidence},
        {"ci_method", e.method},
        {"std_error", finite_or_null(e.std_error)},
        {"model_free_lower_bound", finite_or_null(e.model_free_lower_bound)},
        {"paths", e.paths},
        {"censored", e.censored},
        {"horizon", result.horizon},
        {"max_time", max_time},
        {"estimator", to_string(problem.estimator)},
        {"scheme", to_string(problem.scheme)},
        {"step", noise.step},
        {"eps", noise.eps},
        {"radius", problem.domain.radius()},
        {"center", vector_json(problem.domain.center())},
        {"start", vector_json(problem.start)},
        {"model", nlohmann::json::parse(problem.model.spec_json())},
        {"seed", o.seed},
        {"threads", result.threads},
        {"steps_simulated", result.steps_simulated},
        {"elapsed_s", result.elapsed_seconds},
        {"warnings", result.warnings},  // always present, possibly empty
        {"provenance", provenance(command_line)},
    };
    if (o.learning_rate) {
      out["lr"] = *o.learning_rate;
      out["batch"] = *o.batch_size;
    }
    if (problem.estimator == ExitEstimator::gobet_menozzi) out["gobet_menozzi_c0"] = gobet_menozzi_constant();
    std::cout << out.dump(2) << '\n';
    return;
  }
  for (const std::string& warning : result.warnings) std::cerr << "ldv: warning: " << warning << '\n';
  std::cout << fmt::format("mean exit time E[tau] = {:.6g}   {:g}% CI [{:.6g}, {:.6g}] ({})\n", e.mean,
                           100 * e.confidence, e.ci_low, e.ci_high, e.method)
            << fmt::format("  model {} (d = {}), ball radius {} around ({})\n", problem.model.kind(), d,
                           problem.domain.radius(),
                           fmt::join(std::vector<double>(problem.domain.center().data(),
                                                         problem.domain.center().data() + d),
                                     ", "))
            << fmt::format("  estimator {}, {} step, eps {:g}, step {:g}, paths {}, censored {} at t = {:g}\n",
                           to_string(problem.estimator), to_string(problem.scheme), noise.eps, noise.step, e.paths,
                           e.censored, result.horizon)
            << fmt::format("  seed {}, threads {}, {:.3g} s\n", o.seed, result.threads, result.elapsed_seconds);
  if (e.censored > 0)
    std::cout << fmt::format("  note: {} paths had not exited by t = {:g}; E[tau] >= {:.6g} holds whatever the "
                             "law of tau\n",
                             e.censored, result.horizon, e.model_free_lower_bound);
}

}  // namespace

void register_exit_time(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  auto options = std::make_shared<ExitTimeOptions>();
  CLI::App* cmd = root.add_subcommand("exit-time", "Mean exit time from a ball by Monte Carlo (Euler-Maruyama / SGD)");
  cmd->add_option("--model", options->model_spec, "model spec: JSON text or @file")->required();
  cmd->add_option("--eps", options->eps, "noise level eps in dX = b dt + sqrt(eps) sigma dW");
  cmd->add_option("--step", options->step, "Euler-Maruyama step h");
  cmd->add_option("--lr", options->learning_rate, "SGD learning rate eta (with --batch: eps = eta/B, h = eta)");
  cmd->add_option("--batch", options->batch_size, "SGD batch size B (with --lr)");
  cmd->add_option("--radius", options->radius, "radius r of the ball")->required();
  cmd->add_option("--center", options->center, "centre of the ball, comma-separated (default: origin)");
  cmd->add_option("--start", options->start, "start point, comma-separated (default: the centre)");
  cmd->add_option("--paths", options->paths, "number of Monte Carlo paths (fixed-step runs)");
  cmd->add_option("--tolerance", options->tolerance,
                  "relative total error (bias + interval): multilevel Gobet-Menozzi from --step down, or the PDE "
                  "grids' error with --method pde");
  cmd->add_option("--method", options->method,
                  "direct (every path until it exits) | splitting (gAMS in the cycle decomposition: rare exits) | "
                  "pde (2-D: Dynkin equation on polar grids)")
      ->capture_default_str();
  cmd->add_option("--particles", options->splitting.particles, "splitting: particles per replica")
      ->capture_default_str();
  cmd->add_option("--replicas", options->splitting.replicas, "splitting: independent replicas (the interval)")
      ->capture_default_str();
  cmd->add_option("--killed-per-iteration", options->splitting.killed, "splitting: k, particles killed per iteration")
      ->capture_default_str();
  cmd->add_option("--coordinate", options->splitting.coordinate, "splitting: auto | quasi-potential | distance")
      ->capture_default_str();
  cmd->add_option("--max-time", options->max_time, "censoring time (default: 1e7 steps)");
  cmd->add_option("--scheme", options->scheme,
                  "euler | exponential (frozen-Jacobian exponential step, constant D; exact for linear drifts) | "
                  "auto (exponential for --tolerance on a linear drift, else euler)")
      ->capture_default_str();
  cmd->add_option("--estimator", options->estimator, "discrete | bridge | gobet-menozzi")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "seed of the Philox streams")->capture_default_str();
  cmd->add_option("--threads", options->threads, "worker threads (0: all cores); results do not depend on it")
      ->capture_default_str();
  cmd->add_option("--confidence", options->confidence, "confidence level of the interval")->capture_default_str();
  cmd->add_flag("--json", options->json, "print one JSON object");
  cmd->callback([options, &action, command_line] {
    action = [options, command_line] { run_exit_time(*options, command_line); };
  });
}

}  // namespace ldv::app
