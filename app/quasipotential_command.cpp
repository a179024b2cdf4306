// `ldv quasipotential`: minimum action from one point to another (V(to) when
// --from is the attractor), by the Lyapunov solution (linear models), MAM, geometric
// MAM or the string method. Parses, calls quasipotential::minimum_action_path, prints.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "json_output.hpp"
#include "ldv/action/geometric_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/point_parser.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/quasipotential/minimum_action.hpp"

namespace ldv::app {
namespace {

struct QuasipotentialOptions {
  std::string model_spec, from, to, method = "gmam", initial = "auto";
  std::optional<int> nodes, max_iterations;
  std::optional<double> duration, tolerance;
  bool json = false;
};

void run_quasipotential(const QuasipotentialOptions& o, const std::vector<std::string>& command_line) {
  const auto started = std::chrono::steady_clock::now();
  const Model model = parse_model_spec(o.model_spec);
  const int d = model.dimension();
  const Vector from = parse_point("--from", o.from);
  const Vector to = parse_point("--to", o.to);
  require_point("--from", from, d);
  require_point("--to", to, d);
  quasipotential::PathSettings settings;
  settings.method = quasipotential::parse_path_method(o.method, "--method");
  settings.initial = paths::parse_initial_path(o.initial, "--initial");
  settings.nodes = o.nodes;
  settings.duration = o.duration;
  settings.tolerance = o.tolerance;
  settings.max_iterations = o.max_iterations;
  const paths::MinimumActionPath result = quasipotential::minimum_action_path(model, from, to, settings);
  if (!result.converged)
    throw NumericalFailure(fmt::format("{} did not converge: {} (raise --max-iterations or loosen --tolerance)",
                                       result.method, result.stop_reason));
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (o.json) {
    nlohmann::json out = {
        {"command", "quasipotential"},
        {"action", result.action},
        {"method", result.method},
        {"nodes", result.path.cols()},
        {"iterations", result.iterations},
        {"converged", result.converged},
        {"stop_reason", result.stop_reason},
        {"relative_change", result.relative_change},
        {"from", vector_json(from)},
        {"to", vector_json(to)},
        {"path", path_json(result.path)},
        {"model", nlohmann::json::parse(model.spec_json())},
        {"elapsed_s", elapsed},
        {"provenance", provenance(command_line)},
    };
    if (result.method == "mam") {
      out["duration"] = result.times(result.times.size() - 1) - result.times(0);
      out["times"] = vector_json(result.times);
      out["geometric_action"] = action::geometric_action(model, result.path);
    }
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format("# minimum action {:.10g}  ({}, {} nodes, {} iterations; {})\n", result.action,
                           result.method, result.path.cols(), result.iterations, result.stop_reason)
            << fmt::format("# model {} (d = {}); path nodes, one per line ({:.3g} s)\n", model.kind(), d, elapsed);
  for (Eigen::Index j = 0; j < result.path.cols(); ++j) {
    for (int k = 0; k < d; ++k) std::cout << (k ? " " : "") << fmt::format("{:.10g}", result.path(k, j));
    std::cout << '\n';
  }
}

}  // namespace

void register_quasipotential(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  auto options = std::make_shared<QuasipotentialOptions>();
  CLI::App* cmd = root.add_subcommand(
      "quasipotential", "Minimum Freidlin-Wentzell action from --from to --to (the quasi-potential V(to) when --from "
                        "is the attractor) and its path");
  cmd->add_option("--model", options->model_spec, "model spec: JSON text or @file")->required();
  cmd->add_option("--from", options->from, "start point, comma-separated (the attractor for V)")->required();
  cmd->add_option("--to", options->to, "end point, comma-separated")->required();
  cmd->add_option("--method", options->method,
                  "exact (linear models) | mam | gmam | string (gradient drift, D = cI; its ends fall into the minima)")
      ->capture_default_str();
  cmd->add_option("--initial", options->initial,
                  "starting path of mam/gmam/string: auto (straight and two bowed starts, least action kept) | straight")
      ->capture_default_str();
  cmd->add_option("--nodes", options->nodes,
                  "nodes of the path (default: 101 exact/gmam, 100 string; mam: 20 rho T + 1 in [200, 4001], rho the "
                  "fastest rate at --from)");
  cmd->add_option("--time", options->duration,
                  "time horizon T of MAM (default 10/min(1, kappa), kappa the slowest relaxation rate at --from)");
  cmd->add_option("--tolerance", options->tolerance, "relative stopping tolerance of mam/gmam/string");
  cmd->add_option("--max-iterations", options->max_iterations, "iteration cap of mam/gmam/string (reaching it is an error)");
  cmd->add_flag("--json", options->json, "print one JSON object");
  cmd->callback([options, &action, command_line] {
    action = [options, command_line] { run_quasipotential(*options, command_line); };
  });
}

}  // namespace ldv::app
