#pragma once
// Euler–Maruyama for dX = b(X) dt + √ε σ(X) dW:
//   X_{k+1} = X_k + b(X_k) h + √(ε h) σ(X_k) Z_k,  Z_k ~ N(0, I).
// With h = η and ε = η/B this is the discrete SGD of the escape paper, eq. (2).
// Templated on the concrete model so the step inlines into the Monte Carlo loop.
namespace ldv {

struct StepBuffers {
  double* drift;  // d entries
  double* kick;   // d entries
};

template <class ConcreteModel>
inline void euler_maruyama_step(const ConcreteModel& model, int dimension, double* x, const double* normals,
                                double step, double noise_scale /* √(ε h) */, StepBuffers buffers) {
  model.drift(x, buffers.drift);
  model.apply_sigma(x, normals, buffers.kick);
  for (int i = 0; i < dimension; ++i) x[i] += buffers.drift[i] * step + noise_scale * buffers.kick[i];
}

}  // namespace ldv
