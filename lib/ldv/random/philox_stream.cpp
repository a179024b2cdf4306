#include "ldv/random/philox_stream.hpp"

#include "ldv/random/ziggurat.hpp"

namespace ldv {

void NormalStream::refill() {
  PhiloxBatch batch;
  words_.next_batch(batch);
  ziggurat_normals(batch, normals_, retries_);
  next_ = 0;
}

}  // namespace ldv
