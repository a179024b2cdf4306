// Schema "ldv.evidence/2": the JSON form of an Evidence record.
//
//   { "schema": "ldv.evidence/2",
//     "id", "title", "claim_reference", "claim": strings,
//     "kind": "check" | "reproduction",
//     "paper": a key of the paper registry, "paper_title": its title (written for readers, checked on reading),
//     "paper_prediction": Prediction, "first_principles": Prediction | null,
//     "asserted_dependences": [{"key", "statement": strings}],
//     "measurements": [Measurement], "comparisons": [Comparison],
//     "negative_control": {"description", "comparisons": [Comparison], "rejected": bool},
//     "corrections": [{"formula": string, "rejected": bool,
//                      "effects": [{"key": string, "change": "keeps" | "removes" | "reverses"}]}],
//     "verdict": "CONFIRMED" | "CONFIRMED_AFTER_CORRECTION" | "REFUTED" | "INCONCLUSIVE",
//     "verdict_reason": string, "correction": string | null, "budget_to_decide": string | null,
//     "decision_rule": string, "figures": [Figure], "tables": [Table] (optional on reading: absent = none),
//     "profile": "quick" | "full", "seed": unsigned integer,
//     "parameters": object, "run_key": string, "elapsed_s": number, "command": string,
//     "provenance": object }
//   Prediction  = {"statement", "formula": strings, "value": number | null}
//   Measurement = {"name", "method": strings, "value", "ci_low", "ci_high", "confidence": numbers}
//   Comparison  = {"prediction", "measurement", "detail": strings, "predicted": number, "rejected": bool,
//                  "role": "paper" | "correction" | "alternative" | "negative_control",
//                  "relation": "equals" | "at_least" | "at_most"}
//   Figure      = {"name" ([a-z0-9_]+), "title", "x_label", "y_label": strings, "log_x", "log_y": bool,
//                  "series": [{"label": string, "style": "points" | "lines" | "errorbars",
//                              "x", "y", "y_low", "y_high": [number]}]}
//   Table       = {"name" ([a-z0-9_]+, unique in the record), "title", "note": strings,
//                  "columns": [string] (non-empty), "rows": [[string]] (each the size of columns)}
//
// Numbers: JSON has no infinity or NaN, yet a confidence interval may be unbounded
// (MeanEstimate's ci_high = +inf when the tail hazard cannot be bounded away from 0).
// Non-finite numbers are therefore written as the strings "Infinity", "-Infinity" and
// "NaN" (the spellings of JavaScript and Python's json module) and read back from them,
// rather than collapsing to null and losing the sign.
//
// Optional fields (first_principles, correction, budget_to_decide, Prediction.value) may be
// null or absent; every other field is required.
#include "ldv/verify/evidence_json.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>

#include "ldv/core/error.hpp"
#include "ldv/verify/consistency.hpp"
#include "ldv/verify/papers.hpp"

namespace ldv::verify {
namespace {

using nlohmann::json;

// --- writing ---------------------------------------------------------------

json number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(number(v));
  return out;
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json prediction_json(const Prediction& p) {
  return {{"statement", p.statement}, {"formula", p.formula}, {"value", p.value ? number(*p.value) : json(nullptr)}};
}

json comparison_json(const Comparison& c) {
  return {{"prediction", c.prediction}, {"measurement", c.measurement}, {"predicted", number(c.predicted)},
          {"rejected", c.rejected},     {"detail", c.detail},           {"role", to_string(c.role)},
          {"relation", to_string(c.relation)}};
}

json comparisons_json(const std::vector<Comparison>& comparisons) {
  json out = json::array();
  for (const Comparison& c : comparisons) out.push_back(comparison_json(c));
  return out;
}

json measurement_json(const Measurement& m) {
  return {{"name", m.name},
          {"value", number(m.value)},
          {"ci_low", number(m.ci_low)},
          {"ci_high", number(m.ci_high)},
          {"confidence", number(m.confidence)},
          {"method", m.method}};
}

json series_json(const Series& s) {
  return {{"label", s.label},      {"style", to_string(s.style)}, {"x", numbers(s.x)},
          {"y", numbers(s.y)},     {"y_low", numbers(s.y_low)},   {"y_high", numbers(s.y_high)}};
}

json figure_json(const Figure& f) {
  json series = json::array();
  for (const Series& s : f.series) series.push_back(series_json(s));
  return {{"name", f.name},   {"title", f.title}, {"x_label", f.x_label}, {"y_label", f.y_label},
          {"log_x", f.log_x}, {"log_y", f.log_y}, {"series", series}};
}

json table_json(const Table& t) {
  return {{"name", t.name}, {"title", t.title}, {"columns", t.columns}, {"rows", t.rows}, {"note", t.note}};
}

json corrections_json(const std::vector<CorrectionOutcome>& corrections) {
  json out = json::array();
  for (const CorrectionOutcome& c : corrections) {
    json effects = json::array();
    for (const DependenceEffect& e : c.effects) effects.push_back({{"key", e.key}, {"change", to_string(e.change)}});
    out.push_back({{"formula", c.formula}, {"rejected", c.rejected}, {"effects", effects}});
  }
  return out;
}

// --- reading ---------------------------------------------------------------

// A cursor on one JSON object that knows its path, so every error names the field.
class Fields {
 public:
  Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object())
      throw_invalid(fmt::format("{}: expected a JSON object, got {}", where(), object_.type_name()));
  }

  std::string where(const std::string& key = "") const {
    if (key.empty()) return path_.empty() ? "evidence record" : path_;
    return path_.empty() ? key : path_ + "." + key;
  }

  const json& required(const std::string& key) const {
    const auto it = object_.find(key);
    if (it == object_.end()) throw_invalid(fmt::format("{}: required field is missing", where(key)));
    return *it;
  }
  const json* optional(const std::string& key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const std::string& key) const { return as_string(required(key), where(key)); }
  bool boolean(const std::string& key) const {
    const json& v = required(key);
    if (!v.is_boolean()) wrong_type(where(key), "a boolean", v);
    return v.get<bool>();
  }
  double real(const std::string& key) const { return as_number(required(key), where(key)); }
  std::vector<double> reals(const std::string& key) const {
    const json& v = required(key);
    if (!v.is_array()) wrong_type(where(key), "an array of numbers", v);
    std::vector<double> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(as_number(v[i], fmt::format("{}[{}]", where(key), i)));
    return out;
  }
  std::optional<std::string> optional_string(const std::string& key) const {
    const json* v = optional(key);
    return v ? std::optional<std::string>(as_string(*v, where(key))) : std::nullopt;
  }
  const json& array(const std::string& key) const {
    const json& v = required(key);
    if (!v.is_array()) wrong_type(where(key), "an array", v);
    return v;
  }
  const json& object(const std::string& key) const {
    const json& v = required(key);
    if (!v.is_object()) wrong_type(where(key), "a JSON object", v);
    return v;
  }
  std::string element_path(const std::string& key, std::size_t i) const { return fmt::format("{}[{}]", where(key), i); }
  // An enum field: the parser's message, prefixed by the field's path.
  template <class Parse>
  auto enumerated(const std::string& key, Parse parse) const {
    const std::string text = string(key);
    try {
      return parse(text);
    } catch (const InvalidInput& e) {
      throw_invalid(fmt::format("{}: {}", where(key), e.what()));
    }
  }

  [[noreturn]] static void wrong_type(const std::string& where, const char* expected, const json& got) {
    throw_invalid(fmt::format("{}: expected {}, got {}", where, expected, got.type_name()));
  }
  static std::string as_string(const json& v, const std::string& where) {
    if (!v.is_string()) wrong_type(where, "a string", v);
    return v.get<std::string>();
  }
  static double as_number(const json& v, const std::string& where) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      throw_invalid(fmt::format("{}: expected a number (or \"Infinity\", \"-Infinity\", \"NaN\"), got the string "
                                "\"{}\"",
                                where, s));
    }
    wrong_type(where, "a number", v);
  }

 private:
  const json& object_;
  std::string path_;
};

Prediction prediction_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  Prediction p{f.string("statement"), f.string("formula"), std::nullopt};
  if (const json* v = f.optional("value")) p.value = Fields::as_number(*v, f.where("value"));
  return p;
}

Comparison comparison_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  Comparison c{f.string("prediction"), f.string("measurement"), f.real("predicted"), f.boolean("rejected"),
               f.string("detail")};
  c.role = f.enumerated("role", parse_role);
  c.relation = f.enumerated("relation", parse_relation);
  return c;
}

std::vector<Comparison> comparisons_from(const Fields& parent, const std::string& key) {
  const json& a = parent.array(key);
  std::vector<Comparison> out;
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(comparison_from(a[i], parent.element_path(key, i)));
  return out;
}

Measurement measurement_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  return {f.string("name"), f.real("value"), f.real("ci_low"), f.real("ci_high"), f.real("confidence"),
          f.string("method")};
}

bool is_figure_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Series series_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  Series s{f.string("label"), f.enumerated("style", parse_series_style), f.reals("x"), f.reals("y"),
           f.reals("y_low"), f.reals("y_high")};
  if (s.x.size() != s.y.size())
    throw_invalid(fmt::format("{}: x has {} points but y has {}", path, s.x.size(), s.y.size()));
  const std::pair<const char*, const std::vector<double>*> bounds[] = {{"y_low", &s.y_low}, {"y_high", &s.y_high}};
  for (const auto& [key, bound] : bounds)
    if (!bound->empty() && bound->size() != s.y.size())
      throw_invalid(fmt::format("{}: {} points, expected 0 or {} (the size of y)", f.where(key), bound->size(),
                                s.y.size()));
  return s;
}

Figure figure_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  Figure fig{f.string("name"), f.string("title"), f.string("x_label"), f.string("y_label"),
             f.boolean("log_x"), f.boolean("log_y"), {}};
  if (!is_figure_name(fig.name))
    throw_invalid(fmt::format("{}: \"{}\" is not a file stem of [a-z0-9_]+", f.where("name"), fig.name));
  const json& series = f.array("series");
  for (std::size_t i = 0; i < series.size(); ++i) fig.series.push_back(series_from(series[i], f.element_path("series", i)));
  return fig;
}

std::vector<std::string> strings_from(const json& v, const std::string& path) {
  if (!v.is_array()) Fields::wrong_type(path, "an array of strings", v);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(Fields::as_string(v[i], fmt::format("{}[{}]", path, i)));
  return out;
}

Table table_from(const json& j, const std::string& path) {
  const Fields f(j, path);
  Table t{f.string("name"), f.string("title"), strings_from(f.required("columns"), f.where("columns")), {},
          f.string("note")};
  if (!is_figure_name(t.name))
    throw_invalid(fmt::format("{}: \"{}\" is not a name of [a-z0-9_]+", f.where("name"), t.name));
  if (t.columns.empty()) throw_invalid(fmt::format("{}: a table needs at least one column", f.where("columns")));
  const json& rows = f.array("rows");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    t.rows.push_back(strings_from(rows[i], f.element_path("rows", i)));
    if (t.rows.back().size() != t.columns.size())
      throw_invalid(fmt::format("{}: {} cells, expected {} (one per column)", f.element_path("rows", i),
                                t.rows.back().size(), t.columns.size()));
  }
  return t;
}

std::vector<AssertedDependence> dependences_from(const Fields& f) {
  const json& a = f.array("asserted_dependences");
  std::vector<AssertedDependence> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Fields d(a[i], f.element_path("asserted_dependences", i));
    out.push_back({d.string("key"), d.string("statement")});
  }
  return out;
}

std::vector<CorrectionOutcome> corrections_from(const Fields& f) {
  const json& a = f.array("corrections");
  std::vector<CorrectionOutcome> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Fields c(a[i], f.element_path("corrections", i));
    CorrectionOutcome outcome{c.string("formula"), c.boolean("rejected"), {}};
    const json& effects = c.array("effects");
    for (std::size_t k = 0; k < effects.size(); ++k) {
      const Fields e(effects[k], c.element_path("effects", k));
      outcome.effects.push_back({e.string("key"), e.enumerated("change", parse_dependence_change)});
    }
    out.push_back(std::move(outcome));
  }
  return out;
}

bool is_record_id(const std::string& id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && !(c == '.' && id[i - 1] != '.')) return false;
  }
  return true;
}

}  // namespace

nlohmann::json to_json(const Evidence& e) {
  json measurements = json::array();
  for (const Measurement& m : e.measurements) measurements.push_back(measurement_json(m));
  json figures = json::array();
  for (const Figure& f : e.figures) figures.push_back(figure_json(f));
  json tables = json::array();
  for (const Table& t : e.tables) tables.push_back(table_json(t));
  json dependences = json::array();
  for (const AssertedDependence& d : e.asserted_dependences)
    dependences.push_back({{"key", d.key}, {"statement", d.statement}});
  if (!e.parameters.is_object())
    throw_invalid(fmt::format("evidence field parameters: expected a JSON object, got {}", e.parameters.type_name()));
  if (!e.provenance.is_object())
    throw_invalid(fmt::format("evidence field provenance: expected a JSON object, got {}", e.provenance.type_name()));
  return {
      {"schema", kEvidenceSchema},
      {"id", e.id},
      {"kind", to_string(e.kind)},
      {"title", e.title},
      {"paper", e.paper},
      {"paper_title", find_paper(e.paper).title},
      {"claim_reference", e.claim_reference},
      {"claim", e.claim},
      {"paper_prediction", prediction_json(e.paper_prediction)},
      {"first_principles", e.first_principles ? prediction_json(*e.first_principles) : json(nullptr)},
      {"asserted_dependences", dependences},
      {"measurements", measurements},
      {"comparisons", comparisons_json(e.comparisons)},
      {"negative_control",
       {{"description", e.negative_control.description},
        {"comparisons", comparisons_json(e.negative_control.comparisons)},
        {"rejected", e.negative_control.rejected}}},
      {"corrections", corrections_json(e.corrections)},
      {"verdict", to_string(e.verdict)},
      {"verdict_reason", e.verdict_reason},
      {"correction", optional_json(e.correction)},
      {"budget_to_decide", optional_json(e.budget_to_decide)},
      {"decision_rule", e.decision_rule},
      {"figures", figures},
      {"tables", tables},
      {"profile", to_string(e.profile)},
      {"seed", e.seed},
      {"parameters", e.parameters},
      {"run_key", e.run_key},
      {"elapsed_s", number(e.elapsed_s)},
      {"command", e.command},
      {"provenance", e.provenance},
  };
}

Evidence evidence_from_json(const nlohmann::json& j) {
  const Fields f(j, "");
  const std::string schema = f.string("schema");
  if (schema == "ldv.evidence/1")
    throw_invalid("schema: \"ldv.evidence/1\" is the schema of ldv 0.1, which is no longer read: its verdicts "
                  "predate the rule for corrections that remove an asserted dependence and its comparisons carry no "
                  "roles; rerun the check (`ldv check ID`) to write an \"ldv.evidence/2\" record");
  if (schema != kEvidenceSchema)
    throw_invalid(fmt::format("schema: \"{}\" is not the supported schema \"{}\"", schema, kEvidenceSchema));

  Evidence e;
  e.id = f.string("id");
  if (!is_record_id(e.id))
    throw_invalid(fmt::format("id: \"{}\" is not an ID of [a-z0-9_]+ words separated by dots", e.id));
  e.kind = f.enumerated("kind", parse_record_kind);
  e.title = f.string("title");
  e.paper = f.string("paper");
  try {
    const Paper& paper = find_paper(e.paper);
    if (f.string("paper_title") != paper.title)
      throw_invalid(fmt::format("\"{}\" is not the registered title \"{}\"", f.string("paper_title"), paper.title));
  } catch (const InvalidInput& error) {
    throw_invalid(std::string("paper: ") + error.what());
  }
  e.claim_reference = f.string("claim_reference");
  e.claim = f.string("claim");
  e.paper_prediction = prediction_from(f.required("paper_prediction"), "paper_prediction");
  if (const json* fp = f.optional("first_principles")) e.first_principles = prediction_from(*fp, "first_principles");
  e.asserted_dependences = dependences_from(f);

  const json& measurements = f.array("measurements");
  for (std::size_t i = 0; i < measurements.size(); ++i)
    e.measurements.push_back(measurement_from(measurements[i], f.element_path("measurements", i)));
  e.comparisons = comparisons_from(f, "comparisons");

  const Fields nc(f.required("negative_control"), "negative_control");
  e.negative_control.description = nc.string("description");
  e.negative_control.comparisons = comparisons_from(nc, "comparisons");
  e.negative_control.rejected = nc.boolean("rejected");
  e.corrections = corrections_from(f);

  e.verdict = f.enumerated("verdict", parse_verdict);
  e.verdict_reason = f.string("verdict_reason");
  e.correction = f.optional_string("correction");
  e.budget_to_decide = f.optional_string("budget_to_decide");
  e.decision_rule = f.string("decision_rule");

  const json& figures = f.array("figures");
  std::map<std::string, int> figure_names;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    e.figures.push_back(figure_from(figures[i], f.element_path("figures", i)));
    if (++figure_names[e.figures.back().name] > 1)
      throw_invalid(fmt::format("{}.name: \"{}\" is used by two figures of the record", f.element_path("figures", i),
                                e.figures.back().name));
  }

  // Optional: records written before tables existed have none.
  if (f.optional("tables")) {
    const json& tables = f.array("tables");
    std::map<std::string, int> table_names;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      e.tables.push_back(table_from(tables[i], f.element_path("tables", i)));
      if (++table_names[e.tables.back().name] > 1)
        throw_invalid(fmt::format("{}.name: \"{}\" is used by two tables of the record", f.element_path("tables", i),
                                  e.tables.back().name));
    }
  }

  const std::string profile = f.string("profile");
  if (profile != "quick" && profile != "full")
    throw_invalid(fmt::format("profile: \"{}\" is neither \"quick\" nor \"full\"", profile));
  e.profile = parse_profile(profile);
  const json& seed = f.required("seed");
  if (!seed.is_number_unsigned()) Fields::wrong_type("seed", "a non-negative integer", seed);
  e.seed = seed.get<unsigned long long>();
  e.parameters = f.object("parameters");
  e.run_key = f.string("run_key");
  e.elapsed_s = f.real("elapsed_s");
  e.command = f.string("command");
  e.provenance = f.object("provenance");
  require_consistent(e);
  return e;
}

}  // namespace ldv::verify
