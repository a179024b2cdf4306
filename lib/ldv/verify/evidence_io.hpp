#pragma once
// Evidence records on disk: one file DIR/<id>.json per record, written atomically
// and read back with every failure reported, never skipped.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"

namespace ldv::verify {

// Atomic write: DIR/<id>.json via a temporary file in DIR and rename(2), so a killed
// run never leaves a partial record under the final name. The record is validated first
// (a round trip through the schema and the verdict-consistency rules of consistency.hpp):
// a record the loader would refuse is never written (InvalidInput).
void write_evidence_atomically(const std::string& directory, const Evidence& evidence);

// A file of an evidence directory that could not be read as a record.
struct LoadError {
  std::string path;    // the file
  std::string reason;  // why, e.g. "malformed JSON: ..." or "verdict: required field is missing"
};

// Every *.json in `directory`, sorted by id. Files that cannot be read, do not validate
// or hold an inconsistent verdict are reported in `errors`, never silently skipped; so is
// a record in a file not named <id>.json. Names starting with '.' are skipped: they are
// the temporaries of write_evidence_atomically (".<id>.json.tmp-XXXXXX", left only by a
// killed writer) or hidden files. InvalidInput when `directory` does not exist.
struct EvidenceSet {
  std::vector<Evidence> records;
  std::vector<LoadError> errors;
};
EvidenceSet load_evidence_directory(const std::string& directory);

// One record file; InvalidInput with the reason when it cannot be read as a record.
Evidence load_evidence_file(const std::string& path);

}  // namespace ldv::verify
