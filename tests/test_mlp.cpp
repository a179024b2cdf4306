// The network module of the escape paper's Section 6 (lib/ldv/mlp): the data readers on small
// files written here (good and malformed), the loss's gradient and exact Hessian against
// central differences, the per-sample gradients and C(θ), training to a strict minimum, the
// mini-batch sampler, the sharpness identity of Section 6 step for step, the exit runs'
// independence of the thread count, the quadratic model's noise laws on cases with known
// answers, and the network cache.
#define BOOST_TEST_MODULE mlp
#include <Eigen/Eigenvalues>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/mlp/covariance_shape.hpp"
#include "ldv/mlp/dataset.hpp"
#include "ldv/mlp/epoch_sampler.hpp"
#include "ldv/mlp/exit_step_sweep.hpp"
#include "ldv/mlp/network.hpp"
#include "ldv/mlp/network_cache.hpp"
#include "ldv/mlp/quadratic_sgd.hpp"
#include "ldv/mlp/sgd_exit.hpp"
#include "ldv/mlp/training.hpp"
#include "ldv/reference/gaussian_norm_tail.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace fs = std::filesystem;
using namespace ldv;
using namespace ldv::mlp;

namespace {

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path path = fs::temp_directory_path() / ("ldv_test_mlp_" + name);
  std::ofstream(path) << text;
  return path;
}

// A small synthetic classification problem: 3 features, 3 classes, 60 samples whose class is
// decided by the largest of three noisy linear scores (deterministic pseudo-random numbers).
Dataset synthetic(int samples = 60) {
  Dataset d;
  d.name = "synthetic";
  d.class_names = {"a", "b", "c"};
  d.features.resize(3, samples);
  std::uint64_t state = 12345;
  const auto next = [&state] {  // splitmix64 → [−1, 1)
    state += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-52 - 1.0;
  };
  for (int i = 0; i < samples; ++i) {
    for (int j = 0; j < 3; ++j) d.features(j, i) = next();
    const Eigen::Vector3d score(d.features(0, i) + 0.3 * next(), d.features(1, i) - d.features(2, i) + 0.3 * next(),
                                0.5 * d.features(2, i) + 0.3 * next());
    Eigen::Index k;
    score.maxCoeff(&k);
    d.labels.push_back(static_cast<int>(k));
  }
  return d;
}

MlpLoss small_loss(double l2 = 1e-2) {
  const Dataset d = synthetic();
  return MlpLoss({3, 4, 3}, d.features, d.one_hot(), l2, 2);
}

}  // namespace

BOOST_AUTO_TEST_CASE(avila_rows_are_read_with_their_classes) {
  const fs::path path = write_file("avila.txt", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0,B\n"
                                                "-1,-2,-3,-4,-5,-6,-7,-8,-9,-10,A\r\n"
                                                "1e-3,2,3,4,5,6,7,8,9,10,W\n\n");
  const Dataset d = read_avila(path.string());
  BOOST_TEST(d.samples() == 3);
  BOOST_TEST(d.inputs() == 10);
  BOOST_TEST((d.class_names == std::vector<std::string>{"A", "B", "W"}));
  BOOST_TEST((d.labels == std::vector<int>{1, 0, 2}));
  BOOST_TEST(d.features(9, 0) == 1.0);
  BOOST_TEST(d.features(0, 2) == 1e-3);
  BOOST_TEST(d.content_hash.size() == 16u);
  const Matrix y = d.one_hot();
  BOOST_TEST(y(1, 0) == 1.0);
  BOOST_TEST(y.sum() == 3.0);
}

BOOST_AUTO_TEST_CASE(malformed_data_is_refused_naming_the_file_and_line) {
  const auto message = [](const std::string& name, const std::string& text) {
    const std::string path = write_file(name, text).string();
    return invalid_input_message([&] { read_avila(path); });
  };
  const std::string good = "1,2,3,4,5,6,7,8,9,10,A\n";
  BOOST_TEST(message("short.txt", good + "1,2,3,A\n").find("short.txt:2: 4 fields") != std::string::npos);
  BOOST_TEST(message("nan.txt", good + good + "1,2,x,4,5,6,7,8,9,10,A\n").find("nan.txt:3: field 3 is 'x'") !=
             std::string::npos);
  BOOST_TEST(message("class.txt", "1,2,3,4,5,6,7,8,9,10,ab\n").find("class.txt:1: class 'ab'") != std::string::npos);
  BOOST_TEST(message("empty.txt", "").find("holds no rows") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { read_avila("/no/such/avila.txt"); }).find("'/no/such/avila.txt'") !=
             std::string::npos);
  const std::string csv = write_file("bad.csv", "2,2,x,y\n1,2,0\n1,2,5\n").string();
  BOOST_TEST(invalid_input_message([&] { read_sklearn_csv(csv); }).find("bad.csv:3: class index 5") !=
             std::string::npos);
  const std::string rows = write_file("rows.csv", "3,2,x,y\n1,2,0\n").string();
  BOOST_TEST(invalid_input_message([&] { read_sklearn_csv(rows); }).find("1 data rows, the header announces 3") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(standardised_features_have_mean_0_and_spread_1) {
  const fs::path path = write_file("sk.csv", "4,2,p,q\n1,10,0\n2,10,1\n3,10,0\n4,10,1\n");
  Dataset d = read_sklearn_csv(path.string());
  BOOST_TEST(d.classes() == 2);
  BOOST_TEST(invalid_input_message([&] { standardise(d); }).find("feature 2 is constant") != std::string::npos);
  Dataset e = synthetic();
  standardise(e);
  for (Eigen::Index j = 0; j < e.features.rows(); ++j) {
    BOOST_TEST(std::abs(e.features.row(j).mean()) < 1e-15);
    BOOST_TEST(std::sqrt(e.features.row(j).array().square().mean()) == 1.0, boost::test_tools::tolerance(1e-14));
  }
}

// AVILA where it is; the substitute, said plainly, where it is not (or a named error without it).
BOOST_AUTO_TEST_CASE(the_data_choice_says_when_it_uses_the_substitute) {
  const fs::path dir = fs::temp_directory_path() / "ldv_test_mlp_data";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "avila-tr.txt") << "1,2,3,4,5,6,7,8,9,10,A\n2,2,3,4,5,6,7,8,9,11,B\n3,2,3,4,5,6,7,8,9,9,A\n"
                                         "4,1,3,4,5,6,7,8,9,12,B\n";
  std::ofstream(dir / "other.txt") << "x";
  // Constant columns cannot be standardised: the file and the feature are named.
  BOOST_TEST(invalid_input_message([&] { choose_training_data(dir.string()); }).find("feature 3 is constant") !=
             std::string::npos);
  const fs::path empty = fs::temp_directory_path() / "ldv_test_mlp_nodata";
  fs::create_directories(empty);
  if (fs::exists(kSklearnWineCsv)) {
    const DataChoice c = choose_training_data(empty.string());
    BOOST_TEST(c.substitute);
    BOOST_TEST(c.note.find("AVILA IS ABSENT") != std::string::npos, c.note);
    BOOST_TEST(c.data.samples() == 178);
    BOOST_TEST(c.data.classes() == 3);
  } else {
    BOOST_TEST(invalid_input_message([&] { choose_training_data(empty.string()); }).find("install python3-sklearn") !=
               std::string::npos);
  }
  fs::remove_all(dir);
  fs::remove_all(empty);
}

// ∇L against central differences of L: error h²|L'''|/6 + ε_mach |L|/h; with h = 1e-5 both are
// below 1e-9 here (L, |θ| of order 1), so 1e-7 of |∇L| leaves a margin of 100.
BOOST_AUTO_TEST_CASE(the_gradient_is_the_derivative_of_the_loss) {
  const MlpLoss loss = small_loss();
  const Vector theta = initial_parameters(loss.architecture(), 3);
  Vector g;
  loss.loss_and_gradient(theta, g);
  Vector fd(theta.size());
  const double h = 1e-5;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    Vector p = theta, m = theta;
    p(i) += h, m(i) -= h;
    fd(i) = (loss.loss(p) - loss.loss(m)) / (2 * h);
  }
  BOOST_TEST((g - fd).norm() <= 1e-7 * g.norm(), "|∇L − FD| = " << (g - fd).norm() << ", |∇L| = " << g.norm());
}

// The exact Hessian against central differences of the exact gradient, column by column: error
// h²|∇L'''|/6 + ε_mach |∇L|/h ≈ 1e-10 + 1e-11 with h = 1e-5: relative Frobenius error ≤ 1e-7.
// Checked away from a minimum (residuals large, so the second-order term Σ rₖ∇²fₖ matters) and
// with the ℓ₂ term.
BOOST_AUTO_TEST_CASE(the_exact_hessian_is_the_derivative_of_the_gradient) {
  const MlpLoss loss = small_loss(0.05);
  const Vector theta = initial_parameters(loss.architecture(), 4);
  const Matrix h = loss.hessian(theta);
  Matrix fd(theta.size(), theta.size());
  const double step = 1e-5;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    Vector p = theta, m = theta, gp, gm;
    p(i) += step, m(i) -= step;
    loss.loss_and_gradient(p, gp);
    loss.loss_and_gradient(m, gm);
    fd.col(i) = (gp - gm) / (2 * step);
  }
  BOOST_TEST((h - fd).norm() <= 1e-7 * h.norm(), "|H − FD|_F = " << (h - fd).norm() << ", |H|_F = " << h.norm());
  BOOST_TEST((h - h.transpose()).norm() == 0.0);
  // Without the second-order term (Gauss–Newton alone) the difference would be visible: the check has power.
  Matrix gauss_newton_only = Matrix::Zero(theta.size(), theta.size());
  BOOST_TEST((h - fd).norm() < 1e-3 * (h - gauss_newton_only).norm());
}

// Every sample in one batch is the full gradient; the per-sample gradients average to it; C is
// their covariance. Different summation orders: agreement to 1e-13 relative.
BOOST_AUTO_TEST_CASE(batches_per_sample_gradients_and_the_covariance_agree) {
  const MlpLoss loss = small_loss();
  const Vector theta = initial_parameters(loss.architecture(), 5);
  Vector full, batch;
  loss.loss_and_gradient(theta, full);
  std::vector<std::uint32_t> all(loss.samples());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  BatchWorkspace work;
  loss.batch_gradient(theta, all.data(), loss.samples(), batch, work);
  BOOST_TEST((batch - full).norm() <= 1e-13 * full.norm());
  const Matrix g = loss.per_sample_gradients(theta);
  BOOST_TEST((g.rowwise().mean() - full).norm() <= 1e-13 * full.norm());
  loss.batch_gradient(theta, all.data() + 7, 1, batch, work);
  BOOST_TEST((batch - g.col(7)).norm() <= 1e-14 * batch.norm());
  Matrix centred = g.colwise() - g.rowwise().mean();
  const Matrix explicit_c = centred * centred.transpose() / static_cast<double>(loss.samples());
  const Matrix c = loss.gradient_covariance(theta);
  BOOST_TEST((c - explicit_c).norm() <= 1e-13 * c.norm());
  BOOST_TEST(Eigen::SelfAdjointEigenSolver<Matrix>(c).eigenvalues()(0) > -1e-14 * c.norm());
}

BOOST_AUTO_TEST_CASE(training_ends_at_a_strict_minimum_with_the_stated_gradient) {
  const MlpLoss loss = small_loss();
  TrainingSettings s;
  s.gd_steps = 50;
  const TrainedNetwork t = train(loss, s);
  BOOST_TEST(t.gradient_norm <= s.gradient_tolerance);
  BOOST_TEST(t.hessian_min_eigenvalue > 0.0);
  BOOST_TEST(t.accuracy > 0.6);  // better than the largest class (the labels follow the scores)
  BOOST_TEST(invalid_input_message([&] {
               TrainingSettings bad;
               bad.gd_rate = -1;
               train(loss, bad);
             }).find("gd_rate") != std::string::npos);
}

// Training, the Hessian and C(θ) over 2 000 samples (four 512-sample blocks, so 1 and 3 threads
// really split the sums) are bitwise the same for any thread count: sums run in block order.
BOOST_AUTO_TEST_CASE(training_and_the_noise_do_not_depend_on_the_thread_count) {
  const Dataset d = synthetic(2000);
  const MlpLoss one({3, 4, 3}, d.features, d.one_hot(), 1e-2, 1), three({3, 4, 3}, d.features, d.one_hot(), 1e-2, 3);
  TrainingSettings s;
  s.gd_steps = 30;
  const TrainedNetwork a = train(one, s), b = train(three, s);
  BOOST_TEST(a.theta == b.theta, boost::test_tools::per_element());
  BOOST_TEST(a.loss == b.loss);
  BOOST_TEST((one.hessian(a.theta) == three.hessian(a.theta)));
  BOOST_TEST((one.gradient_covariance(a.theta) == three.gradient_covariance(a.theta)));
}

// Within an epoch every sample appears once (N = 10, B = 3: 3 batches, one sample dropped);
// batches are a function of (seed, run); the first index of a permutation is uniform: a
// chi-square test over 20 000 runs at the 99.9% level (10 cells, 9 degrees of freedom: 27.88).
BOOST_AUTO_TEST_CASE(epochs_are_permutations_and_uniform) {
  EpochSampler a(10, 3, 9, 0), b(10, 3, 9, 0), c(10, 3, 9, 1);
  bool differs = false;
  for (int epoch = 0; epoch < 5; ++epoch) {
    std::set<std::uint32_t> seen;
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t* x = a.next();
      const std::uint32_t* y = b.next();
      const std::uint32_t* z = c.next();
      for (int i = 0; i < 3; ++i) {
        BOOST_TEST(x[i] == y[i]);
        differs = differs || x[i] != z[i];
        BOOST_TEST(x[i] < 10u);
        seen.insert(x[i]);
      }
    }
    BOOST_TEST(seen.size() == 9u);  // nine distinct samples, none twice
  }
  BOOST_TEST(differs);
  std::vector<double> counts(10, 0.0);
  const int runs = 20000;
  for (int r = 0; r < runs; ++r) ++counts[EpochSampler(10, 3, 4, static_cast<std::uint32_t>(r)).next()[0]];
  double chi2 = 0.0;
  for (double n : counts) chi2 += (n - runs / 10.0) * (n - runs / 10.0) / (runs / 10.0);
  BOOST_TEST(chi2 < 27.88);
  BOOST_TEST(invalid_input_message([] { EpochSampler(10, 11, 1, 0); }).find("B = 11") != std::string::npos);
}

// Section 6's sharpness knob (CLAIMS.md, escape.section6): SGD on L_α(θ) = L(√α θ) with rate η
// from θ₀/√α and radius r is, batch for batch, 1/√α times SGD on L with rate αη from θ₀ and
// radius √α r. For α = 4, √α = 2 and every scaling by 2 is exact, so the two runs agree bit for
// bit at every step; for α = 3 they agree to rounding (1e-12 relative over 300 steps) and exit
// at the same step.
BOOST_AUTO_TEST_CASE(sgd_on_the_sharpened_loss_is_sgd_on_the_loss_with_a_larger_rate) {
  const MlpLoss loss = small_loss();
  const Vector theta0 = initial_parameters(loss.architecture(), 6);
  const double eta = 0.05, r = 0.3;
  for (const double alpha : {4.0, 3.0}) {
    SgdRun sharp(loss, theta0, {eta, 5, r, alpha, false}, 11, 2);
    SgdRun plain(loss, theta0, {alpha * eta, 5, std::sqrt(alpha) * r, 1.0, false}, 11, 2);
    double worst = 0.0;
    for (int k = 0; k < 300; ++k) {
      sharp.step();
      plain.step();
      const Vector scaled = std::sqrt(alpha) * sharp.theta();
      if (alpha == 4.0) {
        BOOST_REQUIRE_MESSAGE((scaled.array() == plain.theta().array()).all(), "α = 4 differs at step " << k + 1);
        BOOST_REQUIRE(4.0 * sharp.squared_distance() == plain.squared_distance());
      }
      worst = std::max(worst, (scaled - plain.theta()).norm() / plain.theta().norm());
    }
    BOOST_TEST(worst <= 1e-12, "α = " << alpha << ": largest relative difference " << worst);
    const ExitRunSettings runs{8, 5000, 11, 2};
    const ExitSteps a = sgd_exit_steps(loss, theta0, {eta, 5, r, alpha, false}, runs);
    const ExitSteps b = sgd_exit_steps(loss, theta0, {alpha * eta, 5, std::sqrt(alpha) * r, 1.0, false}, runs);
    BOOST_TEST(a.steps == b.steps, boost::test_tools::per_element());
    BOOST_TEST(a.exits() > 0u);
  }
}

BOOST_AUTO_TEST_CASE(exit_runs_do_not_depend_on_the_thread_count) {
  const MlpLoss loss = small_loss();
  const Vector theta0 = initial_parameters(loss.architecture(), 7);
  const SgdSetting setting{0.1, 4, 0.2, 1.0, false};
  const ExitSteps one = sgd_exit_steps(loss, theta0, setting, {20, 2000, 3, 1});
  const ExitSteps two = sgd_exit_steps(loss, theta0, setting, {20, 2000, 3, 2});
  BOOST_TEST(one.steps == two.steps, boost::test_tools::per_element());
  BOOST_TEST(one.sample.mean_truncated() == two.sample.mean_truncated());
  const ExitSteps other = sgd_exit_steps(loss, theta0, setting, {20, 2000, 4, 2});
  BOOST_TEST((one.steps != other.steps));
}

// The quadratic model's laws on answers known exactly:
//  * one step from the centre exits iff |η n| > r; with Gaussian noise of covariance κC/B and C of
//    rank one along u (|u| = 1, variance c), |η n| = η √(κc/B) |ξ|, so P = erfc(r/(η√(2κc/B)));
//    the fraction of 20 000 one-step runs must hold it in its 99.9% Clopper–Pearson interval;
//  * a batch of all N samples (epochs) has noise exactly 0: no run ever exits;
//  * with isotropic noise of the same trace c, |η n|² = η² κ c/(B d) χ²_d: for d = 2,
//    P = exp(−r² B d/(2 η² κ c)).
BOOST_AUTO_TEST_CASE(the_quadratic_model_noise_laws_have_their_exact_one_step_chances) {
  const int n = 40, d = 2;
  Matrix gradients = Matrix::Zero(d, n);
  for (int i = 0; i < n; ++i) gradients(0, i) = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + 0.5 * (i % 5));
  const Matrix hessian = (Matrix(2, 2) << 1.0, 0.0, 0.0, 2.0).finished();
  const QuadraticModel model = quadratic_model(hessian, gradients);
  BOOST_TEST(model.factor.cols() == 1);
  const double c = model.trace, eta = 0.5, r = 0.3;
  const std::uint32_t batch = 4;
  const double kappa = (n - batch) / (n - 1.0);
  const ExitRunSettings one_step{20000, 1, 5, 2};
  const auto check = [&](NoiseLaw law, double exact) {
    const ExitSteps e = quadratic_exit_steps(model, {eta, batch, r, 1.0, law}, one_step);
    const Interval i = stats::clopper_pearson_interval(e.exits(), 20000, 0.999);
    BOOST_TEST_MESSAGE(to_string(law) << ": " << e.exits() / 20000.0 << " [" << i.low << ", " << i.high << "], exact "
                                      << exact);
    BOOST_TEST((i.low <= exact && exact <= i.high), to_string(law));
  };
  check(NoiseLaw::gaussian, std::erfc(r / (eta * std::sqrt(2 * kappa * c / batch))));
  check(NoiseLaw::isotropic, std::exp(-r * r * batch * d / (2 * eta * eta * kappa * c)));
  const ExitSteps all = quadratic_exit_steps(model, {eta, static_cast<std::uint32_t>(n), 1e-9, 1.0,
                                                     NoiseLaw::minibatch_epochs}, {10, 100, 5, 2});
  BOOST_TEST(all.exits() == 0u);
  // The stationary covariance of the Gaussian chain solves Σ = AΣA + Q.
  const QuadraticSetting setting{eta, batch, r, 1.0, NoiseLaw::gaussian};
  const Matrix sigma = gaussian_stationary_covariance(model, setting);
  const Matrix a = (1.0 - eta * model.curvature.array()).matrix().asDiagonal();
  const Matrix q = eta * eta * kappa / batch * model.factor * model.factor.transpose();
  BOOST_TEST((a * sigma * a + q - sigma).norm() <= 1e-14 * sigma.norm());
  BOOST_TEST(invalid_input_message([&] { gaussian_stationary_covariance(model, {2.0, batch, r, 1.0}); })
                 .find("no stationary law") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_network_cache_returns_what_was_stored_and_misses_otherwise) {
  const MlpLoss loss = small_loss();
  TrainingSettings s;
  s.gd_steps = 50;
  const TrainedNetwork t = train(loss, s);
  const fs::path dir = fs::temp_directory_path() / "ldv_test_mlp_cache";
  fs::remove_all(dir);
  const Dataset d = synthetic();
  const std::string key = network_key(d, loss.architecture(), loss.l2(), s, "test");
  BOOST_TEST(key != network_key(d, loss.architecture(), 2 * loss.l2(), s, "test"));
  BOOST_TEST(!load_network(dir.string(), key, loss, 1e-10));
  store_network(dir.string(), key, t);
  const auto back = load_network(dir.string(), key, loss, 1e-10);
  BOOST_REQUIRE(back);
  BOOST_TEST((back->theta.array() == t.theta.array()).all());  // bit for bit through JSON
  BOOST_TEST(!load_network(dir.string(), key, loss, 1e-30));   // a gradient above the tolerance is a miss
  std::ofstream(dir / (key + ".json")) << "{ not json";
  BOOST_TEST(!load_network(dir.string(), key, loss, 1e-10));
  const Matrix h = loss.hessian(t.theta);
  store_matrix(dir.string(), key, "hessian", h);
  const auto hb = load_matrix(dir.string(), key, "hessian", h.rows());
  BOOST_REQUIRE(hb);
  BOOST_TEST((*hb - h).norm() == 0.0);
  BOOST_TEST(!load_matrix(dir.string(), key, "hessian", h.rows() + 1));
  fs::remove_all(dir);
}

// The Cramér rate of |y|², y ~ N(0, Σ), in closed form for Σ = I_k (|y|² ~ χ²_k):
// I(R) = sup_t [tR + (k/2) log(1 − 2t)] = (R − k)/2 − (k/2) log(R/k) for R >= k, 0 below.
// (Bisection to 1e-15 in t: the rate is exact to rounding; 1e-12 relative leaves a margin.)
BOOST_AUTO_TEST_CASE(the_gaussian_norm_tail_rate_is_the_chi_squared_cramer_rate) {
  for (int k : {1, 2, 5}) {
    const Vector s = Vector::Ones(k);
    for (double r : {0.5 * k, 1.5 * k, 4.0 * k, 20.0 * k}) {
      const double exact = r <= k ? 0.0 : 0.5 * (r - k) - 0.5 * k * std::log(r / k);
      BOOST_TEST(reference::gaussian_norm_tail_rate(s, r).rate == exact, boost::test_tools::tolerance(1e-10));
      if (r > k) BOOST_TEST(reference::gaussian_norm_tail_threshold(s, exact) == r, boost::test_tools::tolerance(1e-10));
    }
  }
  // Scaling: Σ → cΣ and R → cR leave I unchanged (a singular direction counts as 0).
  const Vector s = (Vector(3) << 0.5, 2.0, 0.0).finished();
  BOOST_TEST(reference::gaussian_norm_tail_rate(3.0 * s, 30.0).rate == reference::gaussian_norm_tail_rate(s, 10.0).rate,
             boost::test_tools::tolerance(1e-10));
  BOOST_TEST(invalid_input_message([&] { reference::gaussian_norm_tail_rate(-s, 1.0); }).find("no eigenvalue is positive") !=
             std::string::npos);
}

// C ≈ gH: exact cases. C = 3H gives g = 3 and no residual; C = I against H = diag(1, 2): g = tr H/|H|² = 3/5,
// C − gH = diag(2/5, −1/5), so ‖·‖_F/‖C‖_F = √(1/5)/√2 = 1/√10 and ‖·‖₂/‖C‖₂ = 2/5; v = diag of C = (1, 1).
BOOST_AUTO_TEST_CASE(the_covariance_shape_fits_c_to_a_multiple_of_h) {
  const Matrix h = (Matrix(2, 2) << 2.0, 0.5, 0.5, 1.0).finished();
  const CovarianceShape p = covariance_shape(3.0 * h, h);
  BOOST_TEST(p.g == 3.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(p.fit_residual <= 1e-15);
  BOOST_TEST(p.identity_residual == 2.0, boost::test_tools::tolerance(1e-14));
  const CovarianceShape q = covariance_shape(Matrix::Identity(2, 2), (Matrix(2, 2) << 1.0, 0.0, 0.0, 2.0).finished());
  BOOST_TEST(q.g == 0.6, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(q.fit_residual == 1.0 / std::sqrt(10.0), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(q.spectral_residual == 0.4, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(q.isotropic_residual == 0.0);
  BOOST_TEST(q.noise_along(0) == 1.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(invalid_input_message([&] { covariance_shape(Matrix::Zero(2, 2), h); }).find("‖C‖_F = 0") !=
             std::string::npos);
}

// The sweep's fit is the weighted regression of log E[steps] on x, and a radius chosen for a Gaussian rate
// has that rate (radius_for_gaussian_rate inverts gaussian_exit_rate).
BOOST_AUTO_TEST_CASE(an_exit_step_sweep_regresses_log_mean_steps_and_inverts_the_gaussian_rate) {
  const Dataset d = synthetic();
  const MlpLoss loss({3, 4, 3}, d.features, d.one_hot(), 0.05, 1);
  TrainingSettings s;
  const TrainedNetwork t = train(loss, s);
  const QuadraticModel model = quadratic_model(loss.hessian(t.theta), loss.per_sample_gradients(t.theta));
  SgdSetting base{0.05, 4, 0.0, 1.0, false};
  base.radius = radius_for_gaussian_rate(model, base, 1.0);
  BOOST_TEST(gaussian_exit_rate(model, base) == 1.0, boost::test_tools::tolerance(1e-9));
  // The sweep itself at radii a few one-step noise sizes wide (√(η² tr C/B)), where every run exits quickly.
  const double r = 4.0 * base.learning_rate * std::sqrt(model.trace / base.batch);
  base.radius = r;
  std::vector<SgdSetting> settings(3, base);
  settings[1].radius = 1.1 * r, settings[2].radius = 1.2 * r;
  const std::vector<double> x = {r * r, 1.21 * r * r, 1.44 * r * r};
  const std::vector<ExitRunSettings> runs(3, ExitRunSettings{100, 20000, 5, 1});
  const ExitStepSweep sweep = sweep_exit_steps("r²", loss, model, t.theta, x, settings, runs);
  BOOST_TEST(sweep.fitted);
  std::vector<std::vector<double>> rows;
  std::vector<double> y, sigma;
  for (const SweepPoint& p : sweep.points) {
    rows.push_back({p.x, 1.0});
    y.push_back(std::log(p.mean.mean));
    sigma.push_back(stats::log_mean_std_error(p.mean));
  }
  BOOST_TEST(stats::weighted_least_squares(rows, y, sigma).coefficients[0] == sweep.fit.coefficients[0]);
  BOOST_TEST(sweep.gaussian_rate_slope() > 0.0);  // I grows with r²
  BOOST_TEST(invalid_input_message([&] { sweep_exit_steps("r²", loss, model, t.theta, {1.0}, {base}, {runs[0]}); })
                 .find("expected >= 2") != std::string::npos);
}
