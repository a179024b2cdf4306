#pragma once
// The Evidence record of one check or reproduction (DESIGN.md, "Evidence and
// verdicts"): what the paper claims, what first principles predict, what was
// measured with its confidence interval, the verdict with its reason, the
// negative control, the figure data, and everything needed to reproduce it.
// Stored as one JSON file per check, schema "ldv.evidence/2" (evidence_json.cpp
// defines it; evidence_from_json validates it field by field). Figures are stored
// as data; the report renders them (reports/).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ldv::verify {

enum class Verdict { confirmed, confirmed_after_correction, refuted, inconclusive };
std::string to_string(Verdict verdict);   // "CONFIRMED", "CONFIRMED_AFTER_CORRECTION", "REFUTED", "INCONCLUSIVE"
Verdict parse_verdict(std::string_view text);  // InvalidInput on anything else

// What a registered item is: a check of a claim (`ldv check`) or a reproduction of a
// figure or table (`ldv reproduce`).
enum class RecordKind { check, reproduction };
std::string to_string(RecordKind kind);          // "check", "reproduction"
RecordKind parse_record_kind(std::string_view text);

// The budget of a run: quick (the whole suite in minutes) or full (paper-grade).
enum class Profile { quick, full };
std::string to_string(Profile profile);          // "quick", "full"
Profile parse_profile(std::string_view text);    // InvalidInput: profile "x" is not one of: quick, full

// The role of a prediction held against a measurement (decision.hpp, rule 3).
enum class Role { paper, correction, alternative, negative_control };
std::string to_string(Role role);                // "paper", "correction", "alternative", "negative_control"
Role parse_role(std::string_view text);

// "= v", "≥ v" or "≤ v".
enum class Relation { equals, at_least, at_most };
std::string to_string(Relation relation);        // "equals", "at_least", "at_most"
Relation parse_relation(std::string_view text);

enum class SeriesStyle { points, lines, errorbars };
std::string to_string(SeriesStyle style);        // "points", "lines", "errorbars"
SeriesStyle parse_series_style(std::string_view text);

// What a stated correction does to a dependence the claim asserts (DESIGN.md: a
// correction that removes or reverses an asserted dependence makes the claim REFUTED).
enum class DependenceChange { keeps, removes, reverses };
std::string to_string(DependenceChange change);  // "keeps", "removes", "reverses"
DependenceChange parse_dependence_change(std::string_view text);

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
  std::string method;       // e.g. "weighted least squares, normal quantile, Birge-ratio inflated"
};

// The decision rule's outcome on one prediction against one measurement.
struct Comparison {
  std::string prediction;   // its label: "paper", "correction: <formula>", "alternative: <name>",
                            // "negative control: <description>"
  std::string measurement;  // Measurement::name it was held against
  double predicted = 0.0;
  bool rejected = false;    // predicted value outside the measurement's CI
  std::string detail;       // e.g. "2.000 outside [1.431, 1.562] at 99.8%"
  Role role = Role::paper;
  Relation relation = Relation::equals;
};

struct NegativeControl {
  std::string description;  // the deliberately wrong prediction, e.g. "exponent doubled: 2 λ_min r²"
  std::vector<Comparison> comparisons;
  bool rejected = false;    // the decision rule rejected it (required for any CONFIRMED verdict)
};

// A dependence the claim asserts, e.g. {"lambda", "the exit exponent grows with λ_min(H)"}.
struct AssertedDependence {
  std::string key;
  std::string statement;
};

struct DependenceEffect {
  std::string key;  // an AssertedDependence::key
  DependenceChange change = DependenceChange::keeps;
};

// A stated correction, what the measurements made of it, and what it does to each
// asserted dependence.
struct CorrectionOutcome {
  std::string formula;
  bool rejected = false;
  std::vector<DependenceEffect> effects;
  // True when it keeps every asserted dependence (a constant factor, a log-asymptotic reading).
  bool keeps_every_dependence() const;
};

// One series of a figure: points (x, y) with optional error bars [y_low, y_high].
struct Series {
  std::string label;
  SeriesStyle style = SeriesStyle::points;
  std::vector<double> x, y, y_low, y_high;  // y_low/y_high empty or the size of y
};

struct Figure {
  std::string name;     // file stem, unique within the record: [a-z0-9_]+
  std::string title;
  std::string x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<Series> series;
};

// A table of the record, rendered as a table in every report format (a reproduction of a paper's
// table, e.g. escape.table1.rendered). The cells are text the producer has already formatted
// (numbers with their intervals); the report only escapes them.
struct Table {
  std::string name;     // unique within the record: [a-z0-9_]+
  std::string title;
  std::vector<std::string> columns;            // non-empty
  std::vector<std::vector<std::string>> rows;  // each with exactly columns.size() cells
  std::string note;     // shown under the table (may be empty)
};

struct Evidence {
  std::string id;            // stable ID, e.g. "escape.theorem1.anisotropic"
  RecordKind kind = RecordKind::check;
  std::string title;         // one line for the verdict table
  std::string paper;         // a key of the paper registry (papers.hpp): "escape" or "regularizer"
  std::string claim_reference;  // "Theorem 1", "Example 3.1 / Theorem 3.5", ...
  std::string claim;         // the claim paraphrased
  Prediction paper_prediction;
  std::optional<Prediction> first_principles;  // when it differs from the paper's
  std::vector<AssertedDependence> asserted_dependences;  // what the claim says depends on what
  std::vector<Measurement> measurements;        // the first is the key measurement of the summary
  std::vector<Comparison> comparisons;          // paper, corrections, alternatives (the control's are apart)
  NegativeControl negative_control;
  std::vector<CorrectionOutcome> corrections;   // every stated correction
  Verdict verdict = Verdict::inconclusive;
  std::string verdict_reason;                   // why, in one or two sentences
  // The correction shown with the verdict: the one that holds (CONFIRMED_AFTER_CORRECTION),
  // or, for REFUTED, a surviving correction that changes an asserted dependence.
  std::optional<std::string> correction;
  std::optional<std::string> budget_to_decide;  // INCONCLUSIVE: what budget would decide
  std::string decision_rule;                    // the rule, in words, with its level
  std::vector<Figure> figures;                  // the first is the main figure of the summary
  std::vector<Table> tables;                    // optional in the JSON (records without it have none)
  Profile profile = Profile::quick;
  unsigned long long seed = 0;
  nlohmann::json parameters = nlohmann::json::object();  // the check's parameters
  std::string run_key;          // hash of (id, parameters, profile, seed, levels, version): the resume key
  double elapsed_s = 0.0;
  std::string command;          // the command line that reproduces this record
  nlohmann::json provenance = nlohmann::json::object();  // ldv::provenance() of the run

  const Measurement* find_measurement(std::string_view name) const;  // nullptr when absent
};

}  // namespace ldv::verify
