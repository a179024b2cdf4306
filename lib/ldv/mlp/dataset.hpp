#pragma once
// A labelled classification data set for the escape paper's Section 6 experiment, read from
// text files: features as numbers, one class per row. Samples are stored as columns (the
// network's forward pass takes a block of samples as a matrix), features standardised per
// column (z-scores) as the experiment asks.
//
// Two readers, each naming the file and the line of any malformed entry (InvalidInput):
//  * AVILA (UCI): comma-separated, no header, 10 numbers and a class letter per row
//    (`avila-tr.txt`; DESIGN.md: read from the data directory, never committed);
//  * scikit-learn's bundled CSV files (Debian package python3-sklearn, e.g. wine_data.csv):
//    a header "n_samples,n_features,class names…", then n rows of n_features numbers and an
//    integer class index.
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::mlp {

struct Dataset {
  std::string name;                      // e.g. "AVILA (training file)"
  std::string source;                    // the file it was read from
  std::string content_hash;              // FNV-1a 64 of the file's bytes, 16 hex digits (the cache key)
  Matrix features;                       // p × N, one sample per column
  std::vector<int> labels;               // N class indices in [0, classes)
  std::vector<std::string> class_names;  // index → name
  int samples() const { return static_cast<int>(features.cols()); }
  int inputs() const { return static_cast<int>(features.rows()); }
  int classes() const { return static_cast<int>(class_names.size()); }
  Matrix one_hot() const;                // classes × N targets
};

// AVILA: the class letters found, sorted (A, B, …), become indices 0, 1, ….
Dataset read_avila(const std::string& path);
// scikit-learn's CSV layout (see above).
Dataset read_sklearn_csv(const std::string& path);

// Subtracts each feature's mean and divides by its standard deviation (population, 1/N);
// InvalidInput naming the feature when a column is constant.
void standardise(Dataset& data);

// Where the experiment's data come from: AVILA's training file in `data_dir` when it is there,
// else the substitute (scikit-learn's wine_data.csv, which Debian's python3-sklearn ships),
// with `substitute` and `note` saying so plainly. InvalidInput when neither can be read,
// naming both places.
struct DataChoice {
  Dataset data;        // standardised
  bool substitute = false;
  std::string note;    // one sentence for the record: what was read and why
};
DataChoice choose_training_data(const std::string& data_dir);

// Where Debian 12's python3-sklearn puts the wine data (dpkg -L python3-sklearn).
inline constexpr const char* kSklearnWineCsv = "/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv";

// FNV-1a 64-bit of bytes as 16 lowercase hex digits.
std::string fnv1a_hex(const std::string& bytes);

}  // namespace ldv::mlp
