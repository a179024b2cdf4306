#pragma once
// The exit-step sweeps of the escape paper's Figure 2 on the trained network (kit_mlp.hpp), shared by the
// reproductions escape.figure2 and escape.table1.rendered so that both measure the radius sweep with the same
// runs, cap and seeds (salt "escape.figure2 <variable>=<x>"): the same seed gives bitwise the same sweep.
#include <string>
#include <vector>

#include "ldv/mlp/exit_step_sweep.hpp"
#include "ldv/verify/decision.hpp"
#include "proofs_checks/kit_mlp.hpp"

namespace ldv::checks {

// Runs per setting and the step cap: quick 30 runs, cap 10⁴; full 1000 runs, cap 10⁶.
unsigned figure2_runs_per_setting(verify::Profile profile);
unsigned figure2_step_cap(verify::Profile profile);

// One sweep of Figure 2: setting i at x[i], its runs seeded by derived_seed(seed, "escape.figure2 <variable>=<x>").
mlp::ExitStepSweep figure2_sweep(const std::string& variable, const TrainedMlp& net, const std::vector<double>& x,
                                 const std::vector<mlp::SgdSetting>& settings, const verify::CheckContext& context);

// The radius sweep: x = r² at the radii of figure2_ball (I(r²) = 0.5, 1, 1.5), η₀ = 0.25/λ_max, B₀ = 16, α = 1.
mlp::ExitStepSweep figure2_radius_sweep(const TrainedMlp& net, const verify::CheckContext& context);

// A panel of Figure 2: mean exit steps against the sweep's variable with log-normal intervals at the decision's
// measurement level, beside exp(I) of the Gaussian chain; log y.
verify::Figure figure2_panel(const std::string& name, const std::string& title, const mlp::ExitStepSweep& sweep,
                             const verify::Decision& decision);

}  // namespace ldv::checks
