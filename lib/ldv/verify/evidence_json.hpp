#pragma once
// Evidence records as JSON, schema "ldv.evidence/2" (the schema is written out at the
// top of evidence_json.cpp). Reading validates every field and the record's verdict
// consistency (consistency.hpp); errors name the field, e.g.
// "measurements[1].ci_low: expected a number, got string".
#include <nlohmann/json.hpp>

#include "ldv/verify/evidence.hpp"

namespace ldv::verify {

inline constexpr const char* kEvidenceSchema = "ldv.evidence/2";

nlohmann::json to_json(const Evidence& evidence);
// InvalidInput naming the field and what was expected. A record of the older schema
// "ldv.evidence/1" is refused with the reason (its verdicts predate the dependence rule
// and its comparisons carry no roles): rerun the check to regenerate it.
Evidence evidence_from_json(const nlohmann::json& json);

}  // namespace ldv::verify
