#define BOOST_TEST_MODULE pde
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <iostream>

#include "ldv/models/spec_parser.hpp"
#include "ldv/pde/exit_law.hpp"
#include "ldv/pde/mean_exit_time.hpp"
#include "ldv/reference/ou_exit_time.hpp"

namespace {
ldv::Vector point(double x, double y) { return (ldv::Vector(2) << x, y).finished(); }
}

BOOST_AUTO_TEST_CASE(explore) {
  const ldv::Model ou = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":[[0.5,0],[0,0.5]]})");
  for (double rho0 : {0.0, 0.3, 0.77}) {
    ldv::pde::PdeProblem p{ou, point(0, 0), 1.0, point(rho0 * 0.6, rho0 * 0.8), 1.0};
    auto e = ldv::pde::mean_exit_time(p);
    const double exact = ldv::reference::mean_exit_time_ball({1.0, 1.0, std::sqrt(0.5)}, 2, 1.0, rho0);
    std::cout << "rho0 " << rho0 << " exact " << exact << " pde " << e.value << " err " << (e.value - exact) / exact
              << " est " << e.error_estimate / exact << " order " << e.observed_order << "\n";
    for (auto& g : e.grids) std::cout << "   " << g.radial << "x" << g.angular << " b " << g.stretching << " v " << g.value << " rel " << (g.value - exact) / exact << " Pe " << g.peclet.value << " t " << g.seconds << "\n";
  }
  const ldv::Model ex31 = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[1.5,0],[0,0.5]]})");
  ldv::pde::PdeProblem p{ex31, point(0, 0), 1.0, point(0, 0), 0.25};
  ldv::pde::PdeSettings s;
  s.grids = 4;
  auto e = ldv::pde::mean_exit_time(p, s);
  std::cout << "Ex3.1 pde " << e.value << " est " << e.error_estimate << " order " << e.observed_order << "\n";
  for (auto& g : e.grids) std::cout << "   " << g.radial << "x" << g.angular << " b " << g.stretching << " v " << g.value << " Pe " << g.peclet.value << " t " << g.seconds << "\n";
  {
    ldv::pde::PdeProblem q{ex31, point(0, 0), 1.0, point(0, 0), 0.05};
    auto f = ldv::pde::mean_exit_time(q);
    std::cout << "Ex3.1 eps 0.05 pde " << f.value << " est " << f.error_estimate << " order " << f.observed_order << "\n";
    for (auto& g : f.grids) std::cout << "   " << g.radial << "x" << g.angular << " b " << g.stretching << " v " << g.value << " Pe " << g.peclet.value << " t " << g.seconds << "\n";
  }
  {
    const ldv::Model bm = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1e-300,0],[0,1e-300]]})");
    ldv::pde::PdeProblem q{bm, point(0, 0), 1.0, point(0.3, 0.4), 1.0};
    auto law = ldv::pde::exit_law(q, 8);
    for (std::size_t k = 0; k < law.probabilities.size(); ++k) std::cout << law.probabilities[k] << " ± " << law.error_estimate[k] << "\n";
  }
  auto law = ldv::pde::exit_law(p, 8);
  for (std::size_t k = 0; k < law.probabilities.size(); ++k) std::cout << law.probabilities[k] << " ± " << law.error_estimate[k] << "\n";
}
