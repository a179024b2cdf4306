#pragma once
// The papers ldv verifies, registered once (key → title, authors, year, BibTeX), so a
// check names its paper by key and the report, the LaTeX rows and the evidence JSON
// all take the bibliographic data from here.
#include <string>
#include <string_view>
#include <vector>

namespace ldv::verify {

struct Paper {
  std::string key;        // "escape", "regularizer": what checks and records store
  std::string short_name; // "escape paper"
  std::string title;
  std::string authors;    // as the paper prints them ("Anonymous authors" when under review)
  std::string year;
  std::string venue;      // where it appeared or was submitted
  std::string bibtex_key;
  std::string bibtex() const;  // a complete BibTeX entry
};

// Every registered paper, in a fixed order.
const std::vector<Paper>& papers();
// InvalidInput naming the unknown key and listing the known ones.
const Paper& find_paper(std::string_view key);

}  // namespace ldv::verify
