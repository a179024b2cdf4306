#include "ldv/mlp/network_cache.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "ldv/core/error.hpp"

namespace ldv::mlp {
namespace fs = std::filesystem;
namespace {

// Writes `bytes` to directory/name through a temporary file in the same directory and a rename.
void write_atomically(const std::string& directory, const std::string& name, const std::string& bytes) {
  fs::create_directories(directory);
  const fs::path target = fs::path(directory) / name;
  const fs::path temporary =
      fs::path(directory) / fmt::format(".{}.tmp-{:016x}", name, std::random_device{}() * 0x9e3779b97f4a7c15ull);
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(fmt::format("cannot write the network cache file {}", temporary.string()));
  }
  fs::rename(temporary, target);
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string network_key(const Dataset& data, const Architecture& a, double l2, const TrainingSettings& s,
                        const std::string& version) {
  return fnv1a_hex(fmt::format("data={} ({} x {})\narchitecture={}-{}-{}\nl2={:.17g}\nseed={}\ngd={} {:.17g}\n"
                               "lbfgs={:.17g} {}\ntolerance={:.17g} {}\nversion={}\n",
                               data.content_hash, data.inputs(), data.samples(), a.inputs, a.hidden, a.outputs, l2,
                               s.seed, s.gd_steps, s.gd_rate, s.lbfgs_tolerance, s.lbfgs_max_iterations,
                               s.gradient_tolerance, s.newton_max_steps, version));
}

void store_network(const std::string& directory, const std::string& key, const TrainedNetwork& n) {
  const nlohmann::json j = {{"key", key},
                            {"theta", std::vector<double>(n.theta.data(), n.theta.data() + n.theta.size())},
                            {"loss", n.loss},
                            {"gradient_norm", n.gradient_norm},
                            {"accuracy", n.accuracy},
                            {"gd_steps", n.gd_steps},
                            {"lbfgs_evaluations", n.lbfgs_evaluations},
                            {"newton_steps", n.newton_steps},
                            {"hessian_min_eigenvalue", n.hessian_min_eigenvalue}};
  write_atomically(directory, key + ".json", j.dump());
}

std::optional<TrainedNetwork> load_network(const std::string& directory, const std::string& key, const MlpLoss& loss,
                                           double tolerance) {
  const std::optional<std::string> text = read_file(fs::path(directory) / (key + ".json"));
  if (!text) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    const auto theta = j.at("theta").get<std::vector<double>>();
    if (j.at("key").get<std::string>() != key || static_cast<int>(theta.size()) != loss.dimension()) return std::nullopt;
    TrainedNetwork n;
    n.theta = Eigen::Map<const Vector>(theta.data(), static_cast<Eigen::Index>(theta.size()));
    Vector gradient;
    n.loss = loss.loss_and_gradient(n.theta, gradient);
    n.gradient_norm = gradient.norm();
    if (!(n.gradient_norm <= tolerance)) return std::nullopt;
    n.accuracy = j.at("accuracy").get<double>();
    n.gd_steps = j.at("gd_steps").get<int>();
    n.lbfgs_evaluations = j.at("lbfgs_evaluations").get<int>();
    n.newton_steps = j.at("newton_steps").get<int>();
    n.hessian_min_eigenvalue = j.at("hessian_min_eigenvalue").get<double>();
    return n;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable: a miss
  }
}

void store_matrix(const std::string& directory, const std::string& key, const std::string& name, const Matrix& m) {
  std::string bytes(sizeof(std::int64_t) + sizeof(double) * static_cast<std::size_t>(m.size()), '\0');
  const std::int64_t size = m.rows();
  std::memcpy(bytes.data(), &size, sizeof size);
  std::memcpy(bytes.data() + sizeof size, m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
  write_atomically(directory, fmt::format("{}.{}.bin", key, name), bytes);
}

std::optional<Matrix> load_matrix(const std::string& directory, const std::string& key, const std::string& name,
                                  Eigen::Index size) {
  const std::optional<std::string> bytes = read_file(fs::path(directory) / fmt::format("{}.{}.bin", key, name));
  std::int64_t stored = 0;
  if (!bytes || bytes->size() != sizeof stored + sizeof(double) * static_cast<std::size_t>(size * size))
    return std::nullopt;
  std::memcpy(&stored, bytes->data(), sizeof stored);
  if (stored != size) return std::nullopt;
  Matrix m(size, size);
  std::memcpy(m.data(), bytes->data() + sizeof stored, sizeof(double) * static_cast<std::size_t>(size * size));
  if (!m.allFinite()) return std::nullopt;
  return m;
}

}  // namespace ldv::mlp
