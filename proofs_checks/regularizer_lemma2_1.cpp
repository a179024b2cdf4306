// Implicit-regularizer paper, Lemma 2.1 and eq. (5): mini-batch SGD x_{k+1} = x_k − η∇f_B(x_k) is approximated
// in the weak sense, to order 1 in η, by dx = −∇f dt + √ε σ dW with ε = η/m and D = σσᵀ the covariance of the
// mini-batch gradient (eq. 5).
// Paper:            weak error O(η); the noise of the diffusion is εD = (η/m)·(mini-batch covariance).
// First principles: one SGD step adds the covariance η²·c·D₁ (D₁ the single-sample gradient covariance,
//                   c = 1/m with replacement, (n − m)/(m(n − 1)) without: finite-population correction); the
//                   diffusion adds ε D η over the same time, so εD = ηcD₁: with ε = η/m, D = D₁ (× (n−m)/(n−1)
//                   without replacement). The mini-batch covariance is already cD₁, so (5) counts 1/m twice.
//                   E[g] cannot tell them apart (gradient descent itself is weak order 1), Cov(x_k)/η can.
// Measurement:      exact moments of SGD and of the diffusions on a real finite-sum least-squares loss
//                   (reference/sgd_moments.hpp, measure/sgd_weak_error.hpp): the weak order of E|x − x*|² and
//                   lim_{η→0} tr Cov(x_K)/η at T = Kη = 1, with and without replacement, m = 4, n = 20.
// Negative control: noise-free gradient descent (Cov ≡ 0).
#include "check_kit.hpp"
#include "kit_regularizer.hpp"
#include "ldv/measure/sgd_weak_error.hpp"

namespace ldv::checks {
namespace {

constexpr int kBatch = 4;
constexpr double kHorizon = 1.0;
std::vector<int> ladder(verify::Profile p) {
  return p == verify::Profile::quick ? std::vector<int>{16, 32, 64, 128} : std::vector<int>{32, 64, 128, 256, 512, 1024};
}

verify::Evidence run(const verify::CheckContext& context) {
  using reference::BatchSampling;
  verify::Evidence e;
  e.claim = "Lemma 2.1: SGD with step η and batch size m is approximated, weakly to order 1 in η, by the diffusion (3) "
            "with ε = η/m and D the covariance of the mini-batch gradient (eq. 5).";
  e.paper_prediction = {"weak order 1; lim tr Cov(x_K)/η = tr C₁(T)·c/m, the diffusion's with εD = (η/m)·cD₁ (c the batch "
                        "factor of the mini-batch covariance cD₁)", "εD = (η/m)·Cov(mini-batch gradient)", std::nullopt};
  const reference::FiniteSumLeastSquares loss = synthetic_least_squares();
  const Vector start = loss.minimiser() + (Vector(2) << 1.5, -1.0).finished();
  const double rate = measure::diffusion_covariance_rate(loss, start, kHorizon);  // tr C₁(T)
  verify::Decision decision(context);
  const std::string correction = "εD = η·c·D₁: ε = η/m with the single-sample D₁ (× (n − m)/(n − 1) without replacement)";
  verify::Figure figure{"covariance_rate_vs_eta", "tr Cov(x_K)/η at T = 1 against the diffusions' limits", "η",
                        "tr Cov(x_K)/η", true, false, {}};
  for (BatchSampling sampling : {BatchSampling::with_replacement, BatchSampling::without_replacement}) {
    const std::string label = sampling == BatchSampling::with_replacement ? "with replacement" : "without replacement";
    const double c = loss.batch_factor(kBatch, sampling);
    const measure::SgdWeakError w = measure::measure_sgd_weak_error(loss, {start, kHorizon, ladder(context.profile), kBatch, sampling}, label);
    decision.paper(1.0, w.mean_order).paper(c * rate / kBatch, w.covariance_rate_limit)
        .correction(correction, 1.0, w.mean_order).correction(correction, c * rate, w.covariance_rate_limit)
        .negative_control("noise-free gradient descent: Cov(x_K) = 0, " + label, 0.0, w.covariance_rate_limit);
    if (sampling == BatchSampling::without_replacement)
      decision.alternative("without replacement, no finite-population factor: εD = (η/m)D₁", rate / kBatch, w.covariance_rate_limit);
    figure.series.push_back({"SGD " + label, verify::SeriesStyle::points, w.eta, w.covariance_rate, {}, {}});
    figure.series.push_back({"consistent limit, " + label, verify::SeriesStyle::lines, {w.eta.front(), w.eta.back()}, {c * rate, c * rate}, {}, {}});
    figure.series.push_back({"eq. (5) limit, " + label, verify::SeriesStyle::lines, {w.eta.front(), w.eta.back()}, {c * rate / kBatch, c * rate / kBatch}, {}, {}});
  }
  const measure::SgdWeakError gd = measure::measure_sgd_weak_error(
      loss, {start, kHorizon, ladder(context.profile), loss.samples(), BatchSampling::without_replacement}, "full-batch gradient descent");
  decision.report(gd.mean_order);
  e.first_principles = verify::Prediction{
      fmt::format("Exact moment recursions (no Monte Carlo) on f = (1/2n)Σ(aᵢᵀx − yᵢ)², n = {}, m = {}, from x* + (1.5, −1): "
                  "one step's gradient covariance is c·D₁(x), c = 1/m = {:.4g} with replacement, (n − m)/(m(n − 1)) = {:.4g} "
                  "without; matching one step of SGD to time η of the diffusion gives εD = ηcD₁. tr C₁(T = 1) = {:.6g} "
                  "(∂ tr Cov(X_T)/∂κ of dX = −∇f dt + √κ σ₁dW), so lim tr Cov/η = {:.6g} (with), {:.6g} (without); eq. (5) "
                  "gives 1/m of these. Gradient descent's E[g] is also weak order 1 (reported), so only the covariance "
                  "separates noise models.",
                  loss.samples(), kBatch, 1.0 / kBatch, loss.batch_factor(kBatch, BatchSampling::without_replacement), rate,
                  rate / kBatch, rate * loss.batch_factor(kBatch, BatchSampling::without_replacement)),
      correction, std::nullopt};
  e.figures = {figure};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_lemma2_1(verify::Registry& registry) {
  registry.add({"regularizer.lemma2_1", verify::RecordKind::check, "regularizer", "Lemma 2.1, eq. (5)",
                "SGD → SDE: the weak order, and which noise scale the diffusion needs",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"loss", "least squares, n = 20, d = 2 (kit_regularizer.hpp)"},
                                                    {"batch", kBatch}, {"horizon", kHorizon}, {"steps", ladder(profile)},
                                                    {"start", "x* + (1.5, -1)"}, {"sampling", "per-step batches, with and without replacement"},
                                                    {"method", "exact moment recursions"}});
                },
                run});
}

}  // namespace ldv::checks
