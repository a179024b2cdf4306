#include "ldv/verify/papers.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::verify {

std::string Paper::bibtex() const {
  return fmt::format("@misc{{{},\n  title = {{{}}},\n  author = {{{}}},\n  year = {{{}}},\n  note = {{{}}}\n}}\n",
                     bibtex_key, title, authors, year, venue);
}

const std::vector<Paper>& papers() {
  // The two papers of ../shared/papers/ (DESIGN.md). The escape paper is an anonymous
  // ICLR 2022 submission; the regularizer paper is arXiv:1901.06054 (version of 11 Jan 2022).
  static const std::vector<Paper> registry = {
      {"escape", "escape paper",
       "Quasi-potential theory for escape problem: quantitative sharpness effect on SGD's escape from local minima",
       "Anonymous authors", "2022", "Under review as a conference paper at ICLR 2022", "escape2022quasipotential"},
      {"regularizer", "regularizer paper",
       "Quasi-potential as an implicit regularizer for the loss function in the stochastic gradient descent",
       "Wenqing Hu and Zhanxing Zhu and Haoyi Xiong and Jun Huan", "2022", "arXiv:1901.06054",
       "hu2022quasipotential"},
  };
  return registry;
}

const Paper& find_paper(std::string_view key) {
  std::string known;
  for (const Paper& p : papers()) {
    if (p.key == key) return p;
    known += (known.empty() ? "" : ", ") + p.key;
  }
  throw_invalid(fmt::format("unknown paper key '{}'; known papers: {}", key, known));
}

}  // namespace ldv::verify
