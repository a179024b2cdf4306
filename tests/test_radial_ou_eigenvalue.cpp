// reference/radial_ou_eigenvalue: the principal Dirichlet eigenvalue of the isotropic OU generator
// on an annulus, against closed forms. Brownian motion (a = 0) in d = 1 on (r₁, r₂):
// λ₁ = (ε/2)(π/(r₂ − r₁))²; in d = 3 the radial problem for ρf is the 1-D one, so the same value.
// With drift in d = 1, (ε/2)f'' − x f' on (0, 1) with f(0) = 0 is the odd part of the OU problem
// on (−1, 1), whose eigenfunctions are Hermite-type: for ε → large the drift is a perturbation, so
// the value is checked against the Brownian one with a known first-order shift instead: λ₁ = π²ε/2
// + 1/2 − (no first-order correction from the odd boundary) …; here only the limits are checked.
#define BOOST_TEST_MODULE radial_ou_eigenvalue
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>

#include "invalid_input_message.hpp"
#include "ldv/reference/radial_ou_eigenvalue.hpp"

using namespace ldv::reference;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(brownian_motion_closed_forms) {
  const double pi = std::numbers::pi;
  const OrnsteinUhlenbeck bm{0.0, 0.2, 1.0};
  const double expected = 0.5 * 0.2 * (pi / 0.5) * (pi / 0.5);
  BOOST_TEST(radial_dirichlet_eigenvalue(bm, 1, 0.5, 1.0).value == expected, tt::tolerance(1e-8));
  BOOST_TEST(radial_dirichlet_eigenvalue(bm, 3, 0.5, 1.0).value == expected, tt::tolerance(1e-8));
}

// 1-D OU dX = −X dt + √ε dW: its generator's spectrum on the line is {0, 1, 2, …} (Hermite
// eigenfunctions, the odd ones vanishing at 0); with Dirichlet ends at 0 and at L = 8 (far beyond
// √ε) the least eigenvalue is the first odd one, 1, up to e^{-L²}-small terms.
BOOST_AUTO_TEST_CASE(ou_half_line_tends_to_the_first_odd_eigenvalue) {
  const OrnsteinUhlenbeck ou{1.0, 1.0, 1.0};
  BOOST_TEST(radial_dirichlet_eigenvalue(ou, 1, 1e-9, 8.0).value == 1.0, tt::tolerance(1e-6));
}

// As ε → 0 in the annulus (α, 1), d = 2: ελ₁ = ½α² + a₁ 2^{-1/3} α^{2/3} ε^{2/3} − (d/2) ε + O(ε^{4/3})
// (Freidlin–Wentzell's stand-still cost ½α², the Airy layer at the inner wall, a₁ = 2.3381… the first
// zero of −Ai(−x), and the −d/2 of the ground-state transform of the OU generator; the remainder is
// the quadratic part of the potential across the layer). The check: the remainder scales as ε^{4/3}
// (its ratio to ε^{4/3} at ε = 1e-3 and 1e-4 agrees to 10%), which no error in the three known terms
// would survive.
BOOST_AUTO_TEST_CASE(small_noise_expansion) {
  const double alpha = 0.5, a1 = 2.338107410459767;
  const auto remainder_ratio = [&](double eps) {
    const double value = eps * radial_dirichlet_eigenvalue({1.0, eps, 1.0}, 2, alpha, 1.0).value;
    const double expansion =
        0.5 * alpha * alpha + a1 * std::cbrt(0.5) * std::cbrt(alpha * alpha) * std::cbrt(eps * eps) - eps;
    return (value - expansion) / std::pow(eps, 4.0 / 3.0);
  };
  const double coarse = remainder_ratio(1e-3), fine = remainder_ratio(1e-4);
  BOOST_TEST_MESSAGE("remainder / ε^{4/3}: " << coarse << " at 1e-3, " << fine << " at 1e-4");
  BOOST_TEST(fine == coarse, tt::tolerance(0.1));
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  BOOST_TEST(invalid_input_message([] { radial_dirichlet_eigenvalue({1.0, 0.1, 1.0}, 2, 1.0, 0.5); }) ==
             "inner = 1 must be < outer = 0.5");
}
