#include "ldv/models/spec_parser.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

using nlohmann::json;

std::string read_spec_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw_invalid(fmt::format("cannot read model spec file '{}': no such readable file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_only_fields(const json& spec, const std::string& kind, const std::set<std::string>& allowed) {
  for (const auto& item : spec.items())
    if (item.key() != "kind" && !allowed.count(item.key()))
      throw_invalid(fmt::format("unknown field '{}' in a '{}' model spec; allowed fields: {}", item.key(), kind,
                                fmt::join(allowed, ", ")));
}

const json& required_field(const json& spec, const std::string& kind, const std::string& field) {
  if (!spec.contains(field)) throw_invalid(fmt::format("a '{}' model spec needs the field '{}'", kind, field));
  return spec.at(field);
}

double number_field(const json& spec, const std::string& kind, const std::string& field) {
  const json& value = required_field(spec, kind, field);
  if (!value.is_number())
    throw_invalid(fmt::format("field '{}' of a '{}' model spec must be a number, got {}", field, kind, value.dump()));
  return value.get<double>();
}

Matrix matrix_field(const json& value, const std::string& field) {
  if (!value.is_array() || value.empty())
    throw_invalid(fmt::format("'{}' must be a non-empty array of rows, got {}", field, value.dump()));
  const std::size_t rows = value.size();
  std::size_t cols = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const json& row = value[i];
    if (!row.is_array() || row.empty())
      throw_invalid(fmt::format("row {} of '{}' must be a non-empty array of numbers, got {}", i, field, row.dump()));
    if (i == 0) cols = row.size();
    if (row.size() != cols)
      throw_invalid(fmt::format("'{}' is ragged: row 0 has {} entries but row {} has {}", field, cols, i, row.size()));
  }
  if (rows != cols) throw_invalid(fmt::format("'{}' must be square, got {}x{}", field, rows, cols));
  Matrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const json& entry = value[i][j];
      if (!entry.is_number())
        throw_invalid(fmt::format("'{}'[{}][{}] must be a number, got {}", field, i, j, entry.dump()));
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = entry.get<double>();
    }
  require_finite(field, m);
  return m;
}

// "identity", "hessian" (when allowed) or an explicit SPD matrix.
std::pair<Matrix, std::string> diffusion_field(const json& spec, const std::string& kind, const Matrix& hessian,
                                               bool hessian_allowed) {
  const int d = static_cast<int>(hessian.rows());
  if (!spec.contains("diffusion")) return {Matrix::Identity(d, d), "identity"};
  const json& value = spec.at("diffusion");
  if (value.is_string()) {
    const std::string name = value.get<std::string>();
    if (name == "identity") return {Matrix::Identity(d, d), "identity"};
    if (name == "hessian" && hessian_allowed) return {hessian, "hessian"};
    throw_invalid(fmt::format("'diffusion' of a '{}' model must be {}or a matrix, got \"{}\"", kind,
                              hessian_allowed ? "\"identity\", \"hessian\" " : "\"identity\" ", name));
  }
  return {matrix_field(value, "diffusion"), "matrix"};
}

// One parse function per kind: the fields it takes, the model it builds. The
// canonical spec (`spec.dump()`) goes along so that results can name their model.
Model parse_quadratic(const json& spec, const std::string& canonical) {
  const std::string kind(QuadraticModel::kind_name);
  require_only_fields(spec, kind, {"hessian", "diffusion"});
  Matrix hessian = matrix_field(required_field(spec, kind, "hessian"), "hessian");
  auto [diffusion, diffusion_kind] = diffusion_field(spec, kind, hessian, true);
  return Model(QuadraticModel(std::move(hessian), std::move(diffusion), diffusion_kind), canonical);
}

Model parse_linear(const json& spec, const std::string& canonical) {
  const std::string kind(LinearModel::kind_name);
  require_only_fields(spec, kind, {"drift_matrix", "diffusion"});
  Matrix a = matrix_field(required_field(spec, kind, "drift_matrix"), "drift_matrix");
  Matrix diffusion = diffusion_field(spec, kind, a, false).first;
  return Model(LinearModel(std::move(a), std::move(diffusion)), canonical);
}

Model parse_two_well(const json& spec, const std::string& canonical) {
  const std::string kind(TwoWellModel::kind_name);
  require_only_fields(spec, kind, {"mu1", "mu2"});
  return Model(TwoWellModel(number_field(spec, kind, "mu1"), number_field(spec, kind, "mu2")), canonical);
}

Model parse_maier_stein(const json& spec, const std::string& canonical) {
  const std::string kind(MaierSteinModel::kind_name);
  require_only_fields(spec, kind, {"beta"});
  return Model(MaierSteinModel(number_field(spec, kind, "beta")), canonical);
}

struct KindParser {
  std::string_view kind;
  Model (*parse)(const json& spec, const std::string& canonical);
};

// The kinds a spec may name, in the order error messages list them.
constexpr std::array<KindParser, 4> kKindParsers{{
    {QuadraticModel::kind_name, parse_quadratic},
    {LinearModel::kind_name, parse_linear},
    {TwoWellModel::kind_name, parse_two_well},
    {MaierSteinModel::kind_name, parse_maier_stein},
}};

std::string known_kinds() {
  std::string out;
  for (const KindParser& k : kKindParsers) {
    if (!out.empty()) out += ", ";
    out += k.kind;
  }
  return out;
}

// A model spec is an object holding matrices: three levels. Deeper JSON is refused
// before anything recurses over it (nlohmann's dump(), used by the error messages
// and the canonical spec, recurses once per level: 100 000 levels overflow the stack).
constexpr int kMaxSpecDepth = 64;

[[noreturn]] void throw_too_deep() {
  throw_invalid(fmt::format("model spec: JSON nested deeper than {} levels (a model spec needs 3)", kMaxSpecDepth));
}

// The depth of a JSON value built in code, measured without recursion (and without
// walking past kMaxSpecDepth + 1 levels, so the cost stays linear in the value's size).
void require_shallow(const json& spec) {
  std::vector<std::pair<const json*, int>> pending{{&spec, 1}};
  while (!pending.empty()) {
    const auto [value, depth] = pending.back();
    pending.pop_back();
    if (!value->is_structured()) continue;
    if (depth > kMaxSpecDepth) throw_too_deep();
    for (const json& child : *value) pending.emplace_back(&child, depth + 1);
  }
}

}  // namespace

Model model_from_json(const json& spec) {
  require_shallow(spec);
  if (!spec.is_object()) throw_invalid(fmt::format("a model spec must be a JSON object, got {}", spec.dump()));
  if (!spec.contains("kind") || !spec.at("kind").is_string())
    throw_invalid(fmt::format("a model spec needs a string field 'kind' ({})", known_kinds()));
  const std::string kind = spec.at("kind").get<std::string>();
  for (const KindParser& k : kKindParsers)
    if (k.kind == kind) return k.parse(spec, spec.dump());
  throw_invalid(fmt::format("unknown model kind '{}'; known kinds: {}", kind, known_kinds()));
}

Model parse_model_spec(std::string_view text_or_file) {
  std::string text(text_or_file);
  if (!text.empty() && text.front() == '@') text = read_spec_file(text.substr(1));
  // The parser reports the depth of every value it starts (0 for the outermost): stop
  // at the first array or object below kMaxSpecDepth levels, before the DOM grows deeper.
  const json::parser_callback_t depth_cap = [](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxSpecDepth)
      throw_too_deep();
    return true;
  };
  json spec;
  try {
    spec = json::parse(text, depth_cap);
  } catch (const json::exception& e) {  // parse errors and out-of-range numbers such as 1e999
    throw_invalid(fmt::format("malformed JSON model spec: {}", e.what()));
  }
  return model_from_json(spec);
}

}  // namespace ldv
