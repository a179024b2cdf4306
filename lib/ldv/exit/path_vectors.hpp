#pragma once
// Scratch vectors of one exit-time path (internal to the exit kernel): `Count`
// vectors of the path's dimension side by side, in the object itself when the
// dimension is a compile-time constant (the compiler can then keep them out of
// memory), else on the heap.
#include <array>
#include <type_traits>
#include <vector>

namespace ldv::detail {

template <int StaticDimension, int Count>
class PathVectors {
 public:
  explicit PathVectors(int dimension) : d_(dimension) {
    if constexpr (StaticDimension == 0) storage_.resize(static_cast<std::size_t>(Count * d_));
  }
  double* operator[](int i) { return storage_.data() + i * d(); }
  const double* operator[](int i) const { return storage_.data() + i * d(); }

 private:
  int d() const {  // a constant when the dimension is, so the offsets fold
    if constexpr (StaticDimension > 0) return StaticDimension;
    else return d_;
  }

  std::conditional_t<(StaticDimension > 0), std::array<double, Count * StaticDimension>, std::vector<double>>
      storage_{};
  int d_;
};

// The vectors of the Euler–Maruyama step: x, the step's normals, drift and kick.
template <int StaticDimension>
class PathWorkspace {
 public:
  explicit PathWorkspace(int dimension) : v_(dimension) {}
  double* x() { return v_[0]; }
  const double* x() const { return v_[0]; }
  double* normals() { return v_[1]; }
  double* drift() { return v_[2]; }
  double* kick() { return v_[3]; }

 private:
  PathVectors<StaticDimension, 4> v_;
};

}  // namespace ldv::detail
