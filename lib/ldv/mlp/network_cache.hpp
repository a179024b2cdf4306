#pragma once
// The trained network of Section 6, kept on disk so that the reproduction and the checks that
// examine the same network train it once: a directory of files named by a key that hashes
// everything θ₀ depends on (the data file's bytes, the architecture, the ℓ₂ weight, the
// training settings, ldv's version). Files are written atomically (a temporary in the same
// directory, then rename), so a reader sees a whole file or none. A file that does not read
// back as what its key promises (wrong size, unparsable, gradient not small at θ₀) is a miss,
// never an error: the caller retrains and overwrites it.
//
// Stored per key: θ₀ and its training record as JSON (`<key>.json`), and H(θ₀) and C(θ₀) as raw
// little-endian doubles (`<key>.hessian.bin`, `<key>.covariance.bin`, a header of the size first).
#include <optional>
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/mlp/dataset.hpp"
#include "ldv/mlp/network.hpp"
#include "ldv/mlp/training.hpp"

namespace ldv::mlp {

// 16 hex digits: FNV-1a of a canonical text of the arguments.
std::string network_key(const Dataset& data, const Architecture& architecture, double l2,
                        const TrainingSettings& settings, const std::string& version);

void store_network(const std::string& directory, const std::string& key, const TrainedNetwork& network);
// The stored network when it is there and ‖∇L(θ₀)‖ recomputed on `loss` is at most `tolerance`.
std::optional<TrainedNetwork> load_network(const std::string& directory, const std::string& key, const MlpLoss& loss,
                                           double tolerance);

// A square matrix under `<key>.<name>.bin`.
void store_matrix(const std::string& directory, const std::string& key, const std::string& name, const Matrix& m);
std::optional<Matrix> load_matrix(const std::string& directory, const std::string& key, const std::string& name,
                                  Eigen::Index size);

}  // namespace ldv::mlp
