#pragma once
// The Evidence record of one check or reproduction (DESIGN.md, "Evidence and
// verdicts"): what the paper claims, what first principles predict, what was
// measured with its confidence interval, the verdict with its reason, the
// negative control, the figure data, and everything needed to reproduce it.
// Stored as one JSON file per check, schema "ldv.evidence/1" (to_json below is
// the definition of that schema; from_json validates it field by field).
// Figures are stored as data; the report renders them (lib/ldv/report).
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ldv::verify {

enum class Verdict { confirmed, confirmed_after_correction, refuted, inconclusive };
std::string to_string(Verdict verdict);   // "CONFIRMED", "CONFIRMED_AFTER_CORRECTION", "REFUTED", "INCONCLUSIVE"
Verdict parse_verdict(const std::string& text);  // InvalidInput on anything else

// A prediction: words, a formula (plain text/Unicode, e.g. "V0 = λ_min r²"), and
// the number it predicts for the measured quantity when there is one.
struct Prediction {
  std::string statement;
  std::string formula;
  std::optional<double> value;
};

// A measured quantity with its two-sided confidence interval.
struct Measurement {
  std::string name;         // e.g. "slope of log E[τ] in 1/ε, H = diag(1, 4)"
  double value = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double confidence = 0.0;  // the level of [ci_low, ci_high], after any Bonferroni correction
  std::string method;       // e.g. "weighted least squares, Student-t CI, Birge-ratio inflated"
};

// The decision rule's outcome on one prediction against one measurement.
struct Comparison {
  std::string prediction;   // which prediction (e.g. "paper", "first principles", "negative control: exponent doubled")
  std::string measurement;  // Measurement::name it was held against
  double predicted = 0.0;
  bool rejected = false;    // predicted value outside the measurement's CI
  std::string detail;       // e.g. "2.000 outside [1.431, 1.562] at 99.8%"
};

struct NegativeControl {
  std::string description;  // the deliberately wrong prediction, e.g. "exponent doubled: 2 λ_min r²"
  std::vector<Comparison> comparisons;
  bool rejected = false;    // the decision rule rejected it (required for any CONFIRMED verdict)
};

// One series of a figure: points (x, y) with optional error bars [y_low, y_high].
struct Series {
  std::string label;
  std::string style;  // "points", "lines" or "errorbars"
  std::vector<double> x, y, y_low, y_high;  // y_low/y_high empty or the size of y
};

struct Figure {
  std::string name;     // file stem, unique within the record: [a-z0-9_]+
  std::string title;
  std::string x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<Series> series;
};

struct Evidence {
  std::string id;            // stable ID, e.g. "escape.theorem1.anisotropic"
  std::string kind;          // "check" or "reproduction"
  std::string title;         // one line for the verdict table
  std::string paper;         // paper key: "escape" or "regularizer"
  std::string paper_title;
  std::string claim_reference;  // "Theorem 1", "Example 3.1 / Theorem 3.5", ...
  std::string claim;         // the claim paraphrased
  Prediction paper_prediction;
  std::optional<Prediction> first_principles;  // when it differs from the paper's
  std::vector<Measurement> measurements;
  std::vector<Comparison> comparisons;          // every prediction held against the measurements
  NegativeControl negative_control;
  Verdict verdict = Verdict::inconclusive;
  std::string verdict_reason;                   // why, in one or two sentences
  std::optional<std::string> correction;        // the corrected formula (CONFIRMED_AFTER_CORRECTION)
  std::optional<std::string> budget_to_decide;  // INCONCLUSIVE: what budget would decide
  std::string decision_rule;                    // the rule, in words, with its level
  std::vector<Figure> figures;
  std::string profile;        // "quick" or "full"
  unsigned long long seed = 0;
  std::string parameters_json;  // the check's parameters (a JSON object as text)
  std::string run_key;          // hash of (id, parameters, profile, seed, version): the resume key
  double elapsed_s = 0.0;
  std::string command;          // the command line that reproduces this record
  std::string provenance_json;  // ldv::provenance() as JSON text
};

// JSON keys are the field names above, plus "schema"; parameters_json and provenance_json
// become "parameters" and "provenance" holding the objects themselves (not strings), and
// non-finite numbers are the strings "Infinity", "-Infinity", "NaN" (the full schema is
// at the top of evidence.cpp).
nlohmann::json to_json(const Evidence& evidence);
// Validates every field; InvalidInput naming the field and what was expected.
Evidence evidence_from_json(const nlohmann::json& json);

// Atomic write: DIR/<id>.json via a temporary file in DIR and rename(2), so a
// killed run never leaves a partial record under the final name.
void write_evidence_atomically(const std::string& directory, const Evidence& evidence);

// Every *.json in `directory`, sorted by id. Files that cannot be read or do not
// validate are reported in `errors` (path: reason), never silently skipped; so is a
// record in a file not named <id>.json. Names starting with '.' are skipped: they are
// the temporaries of write_evidence_atomically (".<id>.json.tmp-XXXXXX", left only by a
// killed writer) or hidden files. InvalidInput when `directory` does not exist.
struct EvidenceSet {
  std::vector<Evidence> records;
  std::vector<std::string> errors;
};
EvidenceSet load_evidence_directory(const std::string& directory);

}  // namespace ldv::verify
