// Schema "ldv.evidence/1": the JSON form of an Evidence record.
//
//   { "schema": "ldv.evidence/1",
//     "id", "kind", "title", "paper", "paper_title", "claim_reference", "claim": strings,
//     "paper_prediction": Prediction, "first_principles": Prediction | null,
//     "measurements": [Measurement], "comparisons": [Comparison],
//     "negative_control": {"description", "comparisons": [Comparison], "rejected": bool},
//     "verdict": "CONFIRMED" | "CONFIRMED_AFTER_CORRECTION" | "REFUTED" | "INCONCLUSIVE",
//     "verdict_reason": string, "correction": string | null, "budget_to_decide": string | null,
//     "decision_rule": string, "figures": [Figure],
//     "profile": "quick" | "full", "seed": unsigned integer,
//     "parameters": object, "run_key": string, "elapsed_s": number, "command": string,
//     "provenance": object }
//   Prediction  = {"statement", "formula": strings, "value": number | null}
//   Measurement = {"name", "method": strings, "value", "ci_low", "ci_high", "confidence": numbers}
//   Comparison  = {"prediction", "measurement", "detail": strings, "predicted": number, "rejected": bool}
//   Figure      = {"name" ([a-z0-9_]+), "title", "x_label", "y_label": strings, "log_x", "log_y": bool,
//                  "series": [{"label", "style" ("points"|"lines"|"errorbars"): strings,
//                              "x", "y", "y_low", "y_high": [number]}]}
//
// Numbers: JSON has no infinity or NaN, yet a confidence interval may be unbounded
// (MeanEstimate's ci_high = +inf when the tail hazard cannot be bounded away from 0).
// Non-finite numbers are therefore written as the strings "Infinity", "-Infinity" and
// "NaN" (the spellings of JavaScript and Python's json module) and read back from them,
// rather than collapsing to null and losing the sign.
//
// Optional fields (first_principles, correction, budget_to_decide, Prediction.value) may be
// null or absent; every other field is required, and an error names its path, e.g.
// "measurements[1].ci_low: expected a number, got string".
#include "ldv/verify/evidence.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "ldv/core/error.hpp"

namespace ldv::verify {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kSchema = "ldv.evidence/1";
// Temporary files of write_evidence_atomically: ".<id>.json.tmp-XXXXXX" (mkstemp).
// They start with a dot and do not end in ".json", so the loader never mistakes one
// for a record; it skips every dot-file explicitly as well.
constexpr const char* kTempSuffix = ".json.tmp-XXXXXX";

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
  return {{"prediction", c.prediction},
          {"measurement", c.measurement},
          {"predicted", number(c.predicted)},
          {"rejected", c.rejected},
          {"detail", c.detail}};
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
  return {{"label", s.label},      {"style", s.style},          {"x", numbers(s.x)},
          {"y", numbers(s.y)},     {"y_low", numbers(s.y_low)}, {"y_high", numbers(s.y_high)}};
}

json figure_json(const Figure& f) {
  json series = json::array();
  for (const Series& s : f.series) series.push_back(series_json(s));
  return {{"name", f.name},   {"title", f.title}, {"x_label", f.x_label}, {"y_label", f.y_label},
          {"log_x", f.log_x}, {"log_y", f.log_y}, {"series", series}};
}

// parameters_json / provenance_json hold JSON text; the record embeds the object itself
// so that readers need not parse a string inside the JSON. Empty text means {}.
json embedded_object(const char* field, const std::string& text) {
  if (text.empty()) return json::object();
  json parsed;
  try {
    parsed = json::parse(text);
  } catch (const json::parse_error& e) {
    throw_invalid(fmt::format("evidence field {}: not valid JSON text ({})", field, e.what()));
  }
  if (!parsed.is_object())
    throw_invalid(fmt::format("evidence field {}: expected a JSON object, got {}", field, parsed.type_name()));
  return parsed;
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
  std::string element_path(const std::string& key, std::size_t i) const { return fmt::format("{}[{}]", where(key), i); }

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
  return {f.string("prediction"), f.string("measurement"), f.real("predicted"), f.boolean("rejected"),
          f.string("detail")};
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
  Series s{f.string("label"), f.string("style"), f.reals("x"), f.reals("y"), f.reals("y_low"), f.reals("y_high")};
  if (s.style != "points" && s.style != "lines" && s.style != "errorbars")
    throw_invalid(fmt::format("{}: style \"{}\" is not one of points, lines, errorbars", f.where("style"), s.style));
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

std::string embedded_object_text(const Fields& f, const std::string& key) {
  const json& v = f.required(key);
  if (!v.is_object()) Fields::wrong_type(f.where(key), "a JSON object", v);
  return v.dump();
}

// --- files -------------------------------------------------------------------

std::string errno_text() { return std::strerror(errno); }

// Writes all of `text` to fd, retrying on short writes and EINTR.
bool write_all(int fd, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// fsync of the directory makes the rename itself durable (POSIX leaves it to the directory).
void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: the record is already complete under its final name
  ::fsync(fd);
  ::close(fd);
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

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::confirmed: return "CONFIRMED";
    case Verdict::confirmed_after_correction: return "CONFIRMED_AFTER_CORRECTION";
    case Verdict::refuted: return "REFUTED";
    case Verdict::inconclusive: return "INCONCLUSIVE";
  }
  throw_invalid(fmt::format("verdict {} is not one of the four verdicts", static_cast<int>(verdict)));
}

Verdict parse_verdict(const std::string& text) {
  for (Verdict v : {Verdict::confirmed, Verdict::confirmed_after_correction, Verdict::refuted, Verdict::inconclusive})
    if (to_string(v) == text) return v;
  throw_invalid(fmt::format("verdict \"{}\" is not one of CONFIRMED, CONFIRMED_AFTER_CORRECTION, REFUTED, "
                            "INCONCLUSIVE",
                            text));
}

nlohmann::json to_json(const Evidence& e) {
  json measurements = json::array();
  for (const Measurement& m : e.measurements) measurements.push_back(measurement_json(m));
  json figures = json::array();
  for (const Figure& f : e.figures) figures.push_back(figure_json(f));
  return {
      {"schema", kSchema},
      {"id", e.id},
      {"kind", e.kind},
      {"title", e.title},
      {"paper", e.paper},
      {"paper_title", e.paper_title},
      {"claim_reference", e.claim_reference},
      {"claim", e.claim},
      {"paper_prediction", prediction_json(e.paper_prediction)},
      {"first_principles", e.first_principles ? prediction_json(*e.first_principles) : json(nullptr)},
      {"measurements", measurements},
      {"comparisons", comparisons_json(e.comparisons)},
      {"negative_control",
       {{"description", e.negative_control.description},
        {"comparisons", comparisons_json(e.negative_control.comparisons)},
        {"rejected", e.negative_control.rejected}}},
      {"verdict", to_string(e.verdict)},
      {"verdict_reason", e.verdict_reason},
      {"correction", optional_json(e.correction)},
      {"budget_to_decide", optional_json(e.budget_to_decide)},
      {"decision_rule", e.decision_rule},
      {"figures", figures},
      {"profile", e.profile},
      {"seed", e.seed},
      {"parameters", embedded_object("parameters_json", e.parameters_json)},
      {"run_key", e.run_key},
      {"elapsed_s", number(e.elapsed_s)},
      {"command", e.command},
      {"provenance", embedded_object("provenance_json", e.provenance_json)},
  };
}

Evidence evidence_from_json(const nlohmann::json& j) {
  const Fields f(j, "");
  const std::string schema = f.string("schema");
  if (schema != kSchema)
    throw_invalid(fmt::format("schema: \"{}\" is not the supported schema \"{}\"", schema, kSchema));

  Evidence e;
  e.id = f.string("id");
  if (!is_record_id(e.id))
    throw_invalid(fmt::format("id: \"{}\" is not an ID of [a-z0-9_]+ words separated by dots", e.id));
  e.kind = f.string("kind");
  if (e.kind != "check" && e.kind != "reproduction")
    throw_invalid(fmt::format("kind: \"{}\" is neither \"check\" nor \"reproduction\"", e.kind));
  e.title = f.string("title");
  e.paper = f.string("paper");
  e.paper_title = f.string("paper_title");
  e.claim_reference = f.string("claim_reference");
  e.claim = f.string("claim");
  e.paper_prediction = prediction_from(f.required("paper_prediction"), "paper_prediction");
  if (const json* fp = f.optional("first_principles")) e.first_principles = prediction_from(*fp, "first_principles");

  const json& measurements = f.array("measurements");
  for (std::size_t i = 0; i < measurements.size(); ++i)
    e.measurements.push_back(measurement_from(measurements[i], f.element_path("measurements", i)));
  e.comparisons = comparisons_from(f, "comparisons");

  const Fields nc(f.required("negative_control"), "negative_control");
  e.negative_control.description = nc.string("description");
  e.negative_control.comparisons = comparisons_from(nc, "comparisons");
  e.negative_control.rejected = nc.boolean("rejected");

  try {
    e.verdict = parse_verdict(f.string("verdict"));
  } catch (const InvalidInput& error) {
    throw_invalid(std::string("verdict: ") + error.what());
  }
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

  e.profile = f.string("profile");
  if (e.profile != "quick" && e.profile != "full")
    throw_invalid(fmt::format("profile: \"{}\" is neither \"quick\" nor \"full\"", e.profile));
  const json& seed = f.required("seed");
  if (!seed.is_number_unsigned()) Fields::wrong_type("seed", "a non-negative integer", seed);
  e.seed = seed.get<unsigned long long>();
  e.parameters_json = embedded_object_text(f, "parameters");
  e.run_key = f.string("run_key");
  e.elapsed_s = f.real("elapsed_s");
  e.command = f.string("command");
  e.provenance_json = embedded_object_text(f, "provenance");
  return e;
}

void write_evidence_atomically(const std::string& directory, const Evidence& evidence) {
  // Validate by a round trip first: a record the loader would reject is never written.
  const json record = to_json(evidence);
  evidence_from_json(record);
  const std::string text = record.dump(2) + "\n";

  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) throw_invalid(fmt::format("cannot create evidence directory '{}': {}", directory, ec.message()));

  const std::string final_path = (fs::path(directory) / (evidence.id + ".json")).string();
  std::string temp_path = (fs::path(directory) / ("." + evidence.id + kTempSuffix)).string();
  const int fd = ::mkstemp(temp_path.data());
  if (fd < 0) throw_invalid(fmt::format("cannot create a temporary file in '{}': {}", directory, errno_text()));
  // mkstemp creates the file 0600; a record is meant to be read by others (reports, reviewers).
  const bool ok = ::fchmod(fd, 0644) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  const std::string write_error = ok ? "" : errno_text();
  if (::close(fd) != 0 || !ok) {
    ::unlink(temp_path.c_str());
    throw_invalid(fmt::format("cannot write '{}': {}", temp_path, ok ? errno_text() : write_error));
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const std::string reason = errno_text();
    ::unlink(temp_path.c_str());
    throw_invalid(fmt::format("cannot rename '{}' to '{}': {}", temp_path, final_path, reason));
  }
  sync_directory(directory);
}

EvidenceSet load_evidence_directory(const std::string& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw_invalid(fmt::format("evidence directory '{}' does not exist or is not a directory", directory));

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    // Dot-files are the temporaries of write_evidence_atomically (".<id>.json.tmp-XXXXXX",
    // left behind only by a killed writer) or editor/OS files: never records.
    if (name.empty() || name.front() == '.') continue;
    if (entry.path().extension() != ".json") continue;
    files.push_back(entry.path());
  }
  if (ec) throw_invalid(fmt::format("cannot list evidence directory '{}': {}", directory, ec.message()));
  std::sort(files.begin(), files.end());

  EvidenceSet set;
  for (const fs::path& path : files) {
    try {
      std::ifstream in(path);
      if (!in) throw_invalid(fmt::format("cannot open: {}", errno_text()));
      json record;
      try {
        record = json::parse(in);
      } catch (const json::parse_error& e) {
        throw_invalid(fmt::format("malformed JSON: {}", e.what()));
      }
      Evidence evidence = evidence_from_json(record);
      // The runner names records <id>.json and resumes by that name; a file named
      // otherwise would shadow or duplicate a record.
      if (path.stem().string() != evidence.id)
        throw_invalid(fmt::format("holds the record of '{}', expected a file named {}.json", evidence.id,
                                  evidence.id));
      set.records.push_back(std::move(evidence));
    } catch (const Error& e) {
      set.errors.push_back(path.string() + ": " + e.what());
    }
  }
  std::sort(set.records.begin(), set.records.end(),
            [](const Evidence& a, const Evidence& b) { return a.id < b.id; });
  return set;
}

}  // namespace ldv::verify
