#include "ldv/mlp/dataset.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>

#include "ldv/core/error.hpp"

namespace ldv::mlp {
namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_invalid(fmt::format("cannot read the data file '{}': expected a readable file", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

double parse_number(const std::string& text, const std::string& path, int line, int column) {
  const std::string t = trim(text);
  double value = 0.0;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || error != std::errc() || end != t.data() + t.size() || !std::isfinite(value))
    throw_invalid(fmt::format("{}:{}: field {} is '{}', expected a finite number", path, line, column, t));
  return value;
}

// Lines of the file without their line ends; empty lines at the end only are dropped.
std::vector<std::string> lines_of(const std::string& bytes) {
  std::vector<std::string> lines;
  std::istringstream in(bytes);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  return lines;
}

}  // namespace

std::string fnv1a_hex(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", h);
}

Matrix Dataset::one_hot() const {
  Matrix y = Matrix::Zero(classes(), samples());
  for (int i = 0; i < samples(); ++i) y(labels[i], i) = 1.0;
  return y;
}

Dataset read_avila(const std::string& path) {
  constexpr int kFeatures = 10;
  const std::string bytes = read_bytes(path);
  const std::vector<std::string> lines = lines_of(bytes);
  if (lines.empty()) throw_invalid(fmt::format("{}: the file holds no rows, expected AVILA rows of {} numbers and a "
                                               "class letter", path, kFeatures));
  std::vector<double> values;
  std::vector<std::string> letters;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const int line = static_cast<int>(n) + 1;
    const std::vector<std::string> fields = split_commas(lines[n]);
    if (static_cast<int>(fields.size()) != kFeatures + 1)
      throw_invalid(fmt::format("{}:{}: {} fields, expected {} numbers and a class letter", path, line, fields.size(),
                                kFeatures));
    for (int j = 0; j < kFeatures; ++j) values.push_back(parse_number(fields[j], path, line, j + 1));
    const std::string letter = trim(fields[kFeatures]);
    if (letter.size() != 1 || !std::isupper(static_cast<unsigned char>(letter[0])))
      throw_invalid(fmt::format("{}:{}: class '{}', expected one capital letter", path, line, letter));
    letters.push_back(letter);
  }
  Dataset d;
  d.name = "AVILA";
  d.source = path;
  d.content_hash = fnv1a_hex(bytes);
  std::map<std::string, int> index;
  for (const std::string& l : letters) index.emplace(l, 0);
  for (auto& [name, i] : index) {
    i = static_cast<int>(d.class_names.size());
    d.class_names.push_back(name);
  }
  const auto n = static_cast<Eigen::Index>(letters.size());
  d.features = Eigen::Map<const Matrix>(values.data(), kFeatures, n);
  for (const std::string& l : letters) d.labels.push_back(index.at(l));
  return d;
}

Dataset read_sklearn_csv(const std::string& path) {
  const std::string bytes = read_bytes(path);
  const std::vector<std::string> lines = lines_of(bytes);
  if (lines.empty()) throw_invalid(fmt::format("{}:1: empty file, expected the header n_samples,n_features,class names", path));
  const std::vector<std::string> header = split_commas(lines[0]);
  if (header.size() < 4)
    throw_invalid(fmt::format("{}:1: header '{}', expected n_samples,n_features and at least two class names", path,
                              lines[0]));
  const double n_real = parse_number(header[0], path, 1, 1), p_real = parse_number(header[1], path, 1, 2);
  if (n_real < 1 || p_real < 1 || n_real != std::floor(n_real) || p_real != std::floor(p_real))
    throw_invalid(fmt::format("{}:1: n_samples = {}, n_features = {}, expected positive whole numbers", path, n_real,
                              p_real));
  const auto n = static_cast<std::size_t>(n_real);
  const auto p = static_cast<int>(p_real);
  Dataset d;
  d.name = "scikit-learn " + std::filesystem::path(path).stem().string();
  d.source = path;
  d.content_hash = fnv1a_hex(bytes);
  for (std::size_t k = 2; k < header.size(); ++k) d.class_names.push_back(trim(header[k]));
  if (lines.size() - 1 != n)
    throw_invalid(fmt::format("{}: {} data rows, the header announces {}", path, lines.size() - 1, n));
  std::vector<double> values;
  for (std::size_t r = 1; r <= n; ++r) {
    const int line = static_cast<int>(r) + 1;
    const std::vector<std::string> fields = split_commas(lines[r]);
    if (static_cast<int>(fields.size()) != p + 1)
      throw_invalid(fmt::format("{}:{}: {} fields, expected {} numbers and a class index", path, line, fields.size(), p));
    for (int j = 0; j < p; ++j) values.push_back(parse_number(fields[j], path, line, j + 1));
    const double label = parse_number(fields[p], path, line, p + 1);
    if (label < 0 || label >= static_cast<double>(d.class_names.size()) || label != std::floor(label))
      throw_invalid(fmt::format("{}:{}: class index {}, expected a whole number in [0, {})", path, line, label,
                                d.class_names.size()));
    d.labels.push_back(static_cast<int>(label));
  }
  d.features = Eigen::Map<const Matrix>(values.data(), p, static_cast<Eigen::Index>(n));
  return d;
}

void standardise(Dataset& data) {
  for (Eigen::Index j = 0; j < data.features.rows(); ++j) {
    auto row = data.features.row(j);
    const double mean = row.mean();
    const double sd = std::sqrt((row.array() - mean).square().mean());
    if (!(sd > 0.0))
      throw_invalid(fmt::format("{}: feature {} is constant ({}), expected a spread to standardise", data.source, j + 1,
                                mean));
    row = (row.array() - mean) / sd;
  }
}

DataChoice choose_training_data(const std::string& data_dir) {
  DataChoice c;
  const std::filesystem::path avila = std::filesystem::path(data_dir) / "avila-tr.txt";
  if (!data_dir.empty() && std::filesystem::exists(avila)) {
    c.data = read_avila(avila.string());
    c.note = fmt::format("AVILA training file {} ({} rows, {} features, {} classes), features standardised.",
                         avila.string(), c.data.samples(), c.data.inputs(), c.data.classes());
  } else {
    if (!std::filesystem::exists(kSklearnWineCsv))
      throw_invalid(fmt::format("no training data: AVILA's avila-tr.txt is not in the data directory '{}' (give "
                                "--data-dir or LDV_DATA_DIR), and the substitute {} is missing (install python3-sklearn)",
                                data_dir, kSklearnWineCsv));
    c.data = read_sklearn_csv(kSklearnWineCsv);
    c.substitute = true;
    c.note = fmt::format("AVILA IS ABSENT ({}): the experiment runs on a SUBSTITUTE, scikit-learn's wine data {} ({} "
                         "rows, {} features, {} classes), features standardised; every number below is of the "
                         "substitute, not of AVILA.",
                         data_dir.empty() ? "no data directory given" : "no avila-tr.txt in " + data_dir,
                         kSklearnWineCsv, c.data.samples(), c.data.inputs(), c.data.classes());
  }
  standardise(c.data);
  return c;
}

}  // namespace ldv::mlp
