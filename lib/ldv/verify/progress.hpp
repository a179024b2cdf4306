#pragma once
// Progress of a run of checks, reported on stderr (stdout keeps only the result).
// The runner calls a sink from its worker threads but never concurrently (it holds a
// lock), so sinks need no locking of their own for these calls.
#include <iosfwd>
#include <memory>
#include <string>

#include "ldv/verify/outcome.hpp"

namespace ldv::verify {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void begin(int total) = 0;                        // before any check starts
  virtual void started(const std::string& id) = 0;          // a check begins (or its record is looked up)
  virtual void finished(const CheckOutcome& outcome) = 0;   // computed, reused or failed
  virtual void end() = 0;                                   // after the last check
};

// Says nothing (library use, tests).
class SilentProgress final : public ProgressSink {
 public:
  void begin(int) override {}
  void started(const std::string&) override {}
  void finished(const CheckOutcome&) override {}
  void end() override {}
};

// The line of a finished check: "[k/n] <id>: <VERDICT> (12.3 s)", "... <VERDICT> (reused)",
// or "[k/n] <id>: FAILED: <message>"; a note (e.g. an unreadable old record) follows in brackets.
std::string progress_line(int done, int total, const CheckOutcome& outcome);

// For logs and pipes: one progress_line per finished check.
std::unique_ptr<ProgressSink> make_line_progress(std::ostream& out);

// For a terminal: finished checks scroll up as progress_line, under them a one-line bar
// with counts, running checks, elapsed time and ETA, redrawn in place on every event and,
// when redraw_every_s > 0, by a ticker thread so the clock moves during long checks.
std::unique_ptr<ProgressSink> make_terminal_progress(std::ostream& out, double redraw_every_s = 1.0);

// The terminal form when stderr is a terminal (isatty), the line form otherwise; writes to std::cerr.
std::unique_ptr<ProgressSink> make_stderr_progress();

}  // namespace ldv::verify
