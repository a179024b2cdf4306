#pragma once
// Model specs (DESIGN.md, "Command line"): JSON text or @file, e.g.
//   {"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[1.5,0],[0,0.5]]}
// Kinds and fields (every other field is an error, so a typo never passes silently):
//   quadratic   hessian (SPD matrix), diffusion ("identity" | "hessian" | SPD matrix; default "identity")
//   linear      drift_matrix (square, dX = −A X dt), diffusion ("identity" | SPD matrix; default "identity")
//   two_well    mu1, mu2 in (0, 2)   (implicit-regularizer paper, Example 4.1)
//   maier_stein beta                  (D = I)
// One parse function per kind, in spec_parser.cpp (not in the kinds' headers: those
// are the numerics, included by the exit kernel, and stay free of JSON; the field
// rules — required fields, unknown fields refused, matrices checked — live here once).
// JSON nested deeper than 64 levels is refused before it is parsed further (InvalidInput).
#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "ldv/models/model.hpp"

namespace ldv {

// Parses JSON text, or reads the file named after a leading '@'.
Model parse_model_spec(std::string_view text_or_file);
// The same for a JSON value built in code (its depth is checked without recursion).
Model model_from_json(const nlohmann::json& spec);

}  // namespace ldv
