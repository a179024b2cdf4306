#pragma once
// The verdict-consistency rules of an Evidence record: what any record's own evidence
// must show for its verdict (DESIGN.md, "Evidence and verdicts"; decision.hpp, rule 3).
// Checked when a record is written (write_evidence_atomically refuses it) and when it is
// loaded (evidence_from_json refuses it), so a report never shows a verdict its record
// does not support, whoever wrote the record.
//
// The rules are necessary conditions of the decision rule, so every record Decision
// writes satisfies them:
//  1. every comparison's interval decides it: `rejected` is what the stored interval says
//     about the stored predicted value and relation, and the measurement is in the record;
//  2. CONFIRMED: the paper's prediction was held against a measurement and no comparison
//     rejects it;
//  3. CONFIRMED and CONFIRMED_AFTER_CORRECTION: the negative control has comparisons and
//     is rejected;
//  4. CONFIRMED_AFTER_CORRECTION: the paper's prediction is rejected, the correction is
//     stated, and some stated correction is rejected by none and keeps every asserted
//     dependence;
//  5. REFUTED: the paper's prediction is rejected, and no stated correction both
//     survives and keeps every asserted dependence;
//  6. INCONCLUSIVE: the record says what budget would decide;
//  7. corrections: each was held against a measurement and its `rejected` agrees with
//     those comparisons; every effect names an
//     asserted dependence, and each correction states its effect on every one of them;
//  8. the negative control's `rejected` agrees with its comparisons.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"

namespace ldv::verify {

// One sentence per broken rule; empty when the record is consistent.
std::vector<std::string> consistency_problems(const Evidence& evidence);

// InvalidInput listing the broken rules, when there are any.
void require_consistent(const Evidence& evidence);

// The rejection rule of decision.hpp (rule 1) on one prediction and one interval: "= v"
// outside [low, high]; "≥ v" iff high < v; "≤ v" iff low > v.
bool rejects(double predicted, Relation relation, double ci_low, double ci_high);

}  // namespace ldv::verify
