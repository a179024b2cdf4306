#pragma once
// LaTeX for a paper or thesis citing the evidence: per check a file of table rows
// "claim reference & prediction & measured value [CI] at level & verdict \\" (each
// row ends with a double backslash) and one BibTeX file with an @misc entry per check (key ldv:<id>).
#include <string>

#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// Text safe in LaTeX running text and in BibTeX braced fields: the ten special
// characters become commands whose braces stay balanced (BibTeX counts braces and
// ignores backslashes), and common Greek letters and math symbols become math so
// the rows compile with pdfLaTeX; other Unicode passes through.
std::string latex_escape(const std::string& text);

// The rows of one check, one per comparison of the record (prediction held against
// a measurement), or one per measurement when there is no comparison, preceded by
// a comment naming the check and the columns.
std::string latex_rows(const verify::Evidence& evidence);

// @misc{ldv:<id>, title, author, howpublished, version, note (git revision, seed,
// profile, the command that reproduces it), year (from the provenance time)}.
std::string bibtex_entry(const verify::Evidence& evidence);

}  // namespace ldv::report
