#pragma once
// LaTeX for a paper or thesis citing the evidence: per record a file of table rows
// "claim reference & prediction & measured value [CI] at level & verdict" (each row ends
// with a double backslash; template rows.tex), and one BibTeX file (template evidence.bib)
// with the checked papers' own entries (verify::papers()) and an @misc entry per record
// (key ldv:<id>; template entry.bib), so a verdict is cited with both.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "reports/report_info.hpp"

namespace ldv::report {

// Text safe in LaTeX running text and in BibTeX braced fields: the ten special
// characters become commands whose braces stay balanced (BibTeX counts braces and
// ignores backslashes), and common Greek letters and math symbols become math so
// the rows compile with pdfLaTeX; other Unicode passes through.
std::string latex_escape(const std::string& text);

// The rows of one record, one per comparison (prediction held against a measurement),
// or one per measurement when there is no comparison, preceded by comments naming the
// record, how to cite it and the columns.
std::string latex_rows(const verify::Evidence& evidence);

// The record's tables (Evidence::tables) as LaTeX, one tabular per table in a table float with
// its title as caption and its note under it, every cell escaped; "" when there are none.
// Written as latex/<id>.tables.tex beside the rows.
std::string latex_tables(const verify::Evidence& evidence);

// @misc{ldv:<id>, title, author, howpublished, version, note (git revision, seed,
// profile, the command that reproduces it), year (from the provenance time)}.
std::string bibtex_entry(const verify::Evidence& evidence);

// latex/evidence.bib: every registered paper's entry, then bibtex_entry of each record.
std::string render_bibliography(const std::vector<verify::Evidence>& records, const ReportInfo& info);

}  // namespace ldv::report
