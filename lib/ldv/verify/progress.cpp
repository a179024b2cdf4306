#include "ldv/verify/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fmt/format.h>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

namespace ldv::verify {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
}

class LineProgress final : public ProgressSink {
 public:
  explicit LineProgress(std::ostream& out) : out_(out) {}
  void begin(int total) override { total_ = total; }
  void started(const std::string&) override {}
  void finished(const CheckOutcome& outcome) override {
    out_ << progress_line(++done_, total_, outcome) << '\n' << std::flush;
  }
  void end() override {}

 private:
  std::ostream& out_;
  int total_ = 0, done_ = 0;
};

class TerminalProgress final : public ProgressSink {
 public:
  TerminalProgress(std::ostream& out, double redraw_every_s) : out_(out), redraw_every_s_(redraw_every_s) {}
  ~TerminalProgress() override { stop_ticker(); }

  void begin(int total) override {
    std::lock_guard lock(mutex_);
    total_ = total;
    start_ = Clock::now();
    draw();
    if (redraw_every_s_ > 0) ticker_ = std::thread([this] { tick(); });
  }
  void started(const std::string& id) override {
    std::lock_guard lock(mutex_);
    running_.push_back(id);
    draw();
  }
  void finished(const CheckOutcome& outcome) override {
    std::lock_guard lock(mutex_);
    running_.erase(std::remove(running_.begin(), running_.end(), outcome.id), running_.end());
    ++done_;
    if (outcome.status == CheckStatus::computed) ++computed_;
    if (outcome.status == CheckStatus::reused) ++reused_;
    if (outcome.status == CheckStatus::failed) ++failed_;
    out_ << "\r\033[K" << progress_line(done_, total_, outcome) << '\n';  // scrolls up above the bar
    draw();
  }
  void end() override {
    stop_ticker();
    std::lock_guard lock(mutex_);
    out_ << "\r\033[K" << std::flush;  // the bar's work is done; leave the finished lines
  }

 private:
  // Called with mutex_ held.
  void draw() {
    constexpr int kWidth = 24;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const int filled = total_ > 0 ? kWidth * done_ / total_ : kWidth;
    // ETA from the checks actually computed: reused records finish at once and would flatter it.
    const int remaining = total_ - done_;
    const std::string eta = remaining == 0   ? "0s"
                            : computed_ == 0 ? "--"
                                             : duration_text(elapsed / computed_ * remaining);
    std::string running;
    for (const std::string& id : running_) running += (running.empty() ? "" : ", ") + id;
    if (running.size() > 40) running = running.substr(0, 37) + "...";
    out_ << "\r\033[K[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
         << fmt::format("{}/{} ({} reused, {} failed) {} elapsed, ETA {}", done_, total_, reused_, failed_,
                        duration_text(elapsed), eta)
         << (running.empty() ? "" : " | " + running) << std::flush;
  }

  void tick() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::duration<double>(redraw_every_s_));
      if (!stopping_) draw();
    }
  }

  void stop_ticker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
  }

  std::ostream& out_;
  double redraw_every_s_;
  std::mutex mutex_;  // the ticker thread draws too
  std::condition_variable wake_;
  std::thread ticker_;
  bool stopping_ = false;
  Clock::time_point start_ = Clock::now();
  std::vector<std::string> running_;
  int total_ = 0, done_ = 0, computed_ = 0, reused_ = 0, failed_ = 0;
};

}  // namespace

std::string progress_line(int done, int total, const CheckOutcome& outcome) {
  std::string line = fmt::format("[{}/{}] {}: ", done, total, outcome.id);
  switch (outcome.status) {
    case CheckStatus::computed:
      line += fmt::format("{} ({:.1f} s)", outcome.verdict ? to_string(*outcome.verdict) : "?", outcome.elapsed_s);
      break;
    case CheckStatus::reused:
      line += fmt::format("{} (reused)", outcome.verdict ? to_string(*outcome.verdict) : "?");
      break;
    case CheckStatus::failed: line += "FAILED: " + outcome.error; break;
  }
  if (!outcome.note.empty()) line += " [" + outcome.note + "]";
  return line;
}

std::unique_ptr<ProgressSink> make_line_progress(std::ostream& out) { return std::make_unique<LineProgress>(out); }

std::unique_ptr<ProgressSink> make_terminal_progress(std::ostream& out, double redraw_every_s) {
  return std::make_unique<TerminalProgress>(out, redraw_every_s);
}

std::unique_ptr<ProgressSink> make_stderr_progress() {
  if (::isatty(STDERR_FILENO)) return make_terminal_progress(std::cerr);
  return make_line_progress(std::cerr);
}

}  // namespace ldv::verify
