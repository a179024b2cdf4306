// Unit tests of quasipotential::last_sphere_crossing (lib/ldv/quasipotential/sphere_crossing.hpp):
// exact on straight segments (the crossing is the root of a quadratic, no approximation there).
#define BOOST_TEST_MODULE sphere_crossing
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/quasipotential/sphere_crossing.hpp"

using ldv::quasipotential::last_sphere_crossing;

BOOST_AUTO_TEST_CASE(crossing_on_a_ray_and_the_last_of_several) {
  ldv::Matrix ray(2, 3);
  ray << 0, 0.3, 0.9, 0, 0.4, 1.2;  // along (3, 4)/5
  const ldv::Vector x = last_sphere_crossing(ray, ldv::Vector::Zero(2), 1.0);
  BOOST_TEST(std::abs(x(0) - 0.6) <= 1e-15);
  BOOST_TEST(std::abs(x(1) - 0.8) <= 1e-15);
  ldv::Matrix back_and_forth(1, 5);  // out at 1, back in, out again at 1: the last crossing is the second
  back_and_forth << 0, 2, 0.5, 0.5, 3;
  const ldv::Vector y = last_sphere_crossing(back_and_forth, ldv::Vector::Zero(1), 1.0);
  BOOST_TEST(std::abs(y(0) - 1.0) <= 1e-15);
}

BOOST_AUTO_TEST_CASE(no_crossing_is_named) {
  ldv::Matrix inside(2, 2);
  inside << 0, 0.1, 0, 0.1;
  BOOST_TEST(invalid_input_message([&] { last_sphere_crossing(inside, ldv::Vector::Zero(2), 1.0); }).find("never leaves") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([&] { last_sphere_crossing(inside, ldv::Vector::Zero(3), 1.0); }).find("expected 3 rows") !=
             std::string::npos);
}
