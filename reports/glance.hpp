#pragma once
// What a reader sees first of a claim, in the HTML page and in summary.md alike: the
// verdict, the paper's prediction, the first-principles prediction, the key measurement
// (the record's first) with its interval, a note the verdict needs (the corrected
// statement, the correction, or what would decide), and the main figure (the first).
#include <optional>
#include <string>

#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// A prediction as the summary shows it.
struct PredictionGlance {
  std::string text;              // the formula, or the statement when there is none
  bool is_formula = false;       // text is the formula (shown as code)
  std::optional<double> value;   // what it predicts for the key measurement, else Prediction::value
  std::optional<bool> rejected;  // by the key measurement; nullopt when not held against it
  int held = 0;                  // comparisons it was held against (every measurement)
  int rejections = 0;            // ... of which rejected it
};

struct VerdictNote {
  std::string label;  // "Corrected statement", "Correction", "What would decide"
  std::string text;
  bool formula = false;  // text is a formula (shown as code)
};

struct Glance {
  PredictionGlance paper;
  std::optional<PredictionGlance> first_principles;  // absent when the record states none
  const verify::Measurement* key = nullptr;          // the first measurement; nullptr when there is none
  std::optional<VerdictNote> note;
  const verify::Figure* main_figure = nullptr;       // the first figure; nullptr when there is none
};

// Points into `evidence`, which must outlive the result.
Glance glance(const verify::Evidence& evidence);

// "rejected by 2 of its 4 comparisons", "rejected by none of its 4 comparisons".
std::string rejection_count_text(const PredictionGlance& prediction);

// The predicted value with the digits that tell it apart from the key measurement's
// interval printed beside it ("2" against [1.9998, 1.9999] would hide the gap).
std::string value_text(double value, const verify::Measurement* key);

}  // namespace ldv::report
