// `ldv exit-barrier`: V₀ = min of the quasi-potential over the sphere |x − c| = r
// and its argmin, the exit point the implicit-regularizer paper's Remark 3.6 predicts.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "json_output.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/point_parser.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/quasipotential/exit_barrier.hpp"

namespace ldv::app {
namespace {

struct ExitBarrierOptions {
  std::string model_spec, center, method = "auto";
  double radius = 0.0;
  std::optional<int> nodes;
  std::optional<double> tolerance;
  bool json = false;
};

void run_exit_barrier(const ExitBarrierOptions& o, const std::vector<std::string>& command_line) {
  const auto started = std::chrono::steady_clock::now();
  const Model model = parse_model_spec(o.model_spec);
  const int d = model.dimension();
  const Vector center = o.center.empty() ? Vector(Vector::Zero(d)) : parse_point("--center", o.center);
  require_point("--center", center, d);
  quasipotential::ExitBarrierSettings settings;
  settings.method = quasipotential::parse_barrier_method(o.method, "--method");
  if (o.nodes) settings.gmam.nodes = *o.nodes;
  if (o.tolerance) settings.tolerance = *o.tolerance;
  const auto result = quasipotential::exit_barrier(model, center, o.radius, settings);
  if (!result.converged)
    throw NumericalFailure(fmt::format("exit barrier by {} did not converge: {}", result.method, result.stop_reason));
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (o.json) {
    nlohmann::json samples = nlohmann::json::array();
    for (const auto& s : result.samples)
      samples.push_back({{"point", vector_json(s.point)}, {"value", s.value}, {"converged", s.converged}});
    nlohmann::json out = {
        {"command", "exit-barrier"},
        {"barrier", result.barrier},
        {"argmin", vector_json(result.argmin)},
        {"method", result.method},
        {"radius", o.radius},
        {"center", vector_json(center)},
        {"evaluations", result.evaluations},
        {"converged", result.converged},
        {"stop_reason", result.stop_reason},
        {"samples", samples},
        {"model", nlohmann::json::parse(model.spec_json())},
        {"elapsed_s", elapsed},
        {"provenance", provenance(command_line)},
    };
    if (result.path.path.cols() > 0) out["path"] = path_json(result.path.path);
    std::cout << out.dump(2) << '\n';
    return;
  }
  const std::vector<double> argmin(result.argmin.data(), result.argmin.data() + d);
  std::cout << fmt::format("exit barrier V0 = {:.10g} at x* = ({:.8g})\n", result.barrier, fmt::join(argmin, ", "))
            << fmt::format("  model {} (d = {}), sphere of radius {} around ({})\n", model.kind(), d, o.radius,
                           fmt::join(std::vector<double>(center.data(), center.data() + d), ", "))
            << fmt::format("  method {}, {} evaluations; {} ({:.3g} s)\n", result.method, result.evaluations,
                           result.stop_reason, elapsed)
            << "  mean exit time E[tau] ~ exp(V0/eps) as eps -> 0 (Freidlin-Wentzell); exits concentrate at x*\n";
}

}  // namespace

void register_exit_barrier(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  auto options = std::make_shared<ExitBarrierOptions>();
  CLI::App* cmd = root.add_subcommand(
      "exit-barrier", "Exit barrier V0 = min of the quasi-potential over the sphere |x - center| = radius, and the "
                      "exit point (its argmin)");
  cmd->add_option("--model", options->model_spec, "model spec: JSON text or @file")->required();
  cmd->add_option("--radius", options->radius, "radius r of the sphere")->required();
  cmd->add_option("--center", options->center, "centre (an attractor of the drift), comma-separated (default: origin)");
  cmd->add_option("--method", options->method, "auto (exact for linear models, else gmam) | exact | gmam")
      ->capture_default_str();
  cmd->add_option("--nodes", options->nodes, "nodes of each geometric-MAM path");
  cmd->add_option("--tolerance", options->tolerance, "relative accuracy of V0 (gmam)");
  cmd->add_flag("--json", options->json, "print one JSON object");
  cmd->callback([options, &action, command_line] {
    action = [options, command_line] { run_exit_barrier(*options, command_line); };
  });
}

}  // namespace ldv::app
