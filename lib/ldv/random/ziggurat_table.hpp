#pragma once
// The 256-layer ziggurat for the standard normal (Marsaglia & Tsang 2000,
// J. Stat. Softw. 5(8), section 2), computed once at first use.
//
// Why our own table: Boost.Random's is 128 layers, whose inner rectangles miss
// 2.8% of draws; each miss costs a branch and extra draws. With 256 layers the
// misses fall to 1.4% (tests/test_random.cpp checks the table's geometry).
namespace ldv {

struct ZigguratTable {
  static constexpr int kLayers = 256;
  // f(x) = exp(−x²/2). Layer i ≥ 1 spans [0, x[i]] × [y[i], y[i+1]) with
  // y[i] = f(x[i]); x[1] = r starts the tail; layer 0 is the base strip
  // [0, r] × [0, f(r)) plus the tail, drawn as width x[0] = v / f(r);
  // x[256] = 0, y[256] = 1. Every layer has area v.
  double x[kLayers + 1];
  double y[kLayers + 1];
  double r;  // 3.6541528853610088 in Marsaglia & Tsang
  double v;  // 0.00492867323399
};

const ZigguratTable& normal_ziggurat_table();

}  // namespace ldv
