// The positive control of upward_include.cpp: the same include context (ldv_exit) with
// only allowed includes must build, so the failure above is the include, not the setup.
#include "ldv/models/model.hpp"
#include "ldv/stats/censored_sample.hpp"

int main() { return 0; }
