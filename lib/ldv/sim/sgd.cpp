#include "ldv/sim/sgd.hpp"

#include "ldv/core/validate.hpp"

namespace ldv {

NoiseAndStep sgd_noise_and_step(double learning_rate, double batch_size) {
  require_positive("learning rate", learning_rate);
  require_positive("batch size", batch_size);
  return {learning_rate / batch_size, learning_rate};
}

}  // namespace ldv
