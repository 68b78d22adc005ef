// What every fuzz target's smoke test does without libFuzzer (the gcc build, CI): a
// deterministic run on one valid request per RPC and mutations of it, so that every
// build exercises the target.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace rakor::fuzz {

// A seed request from its text form; the test fails if the text does not parse.
template <typename Request>
std::string Serialized(const char* text) {
  Request request;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &request)) << text;
  return request.SerializeAsString();
}

// For each RPC `rpc` (its index in `seeds`): the input [rpc][caller][seed] as every
// one of `callers` callers (no caller byte when `callers` is 0), then `rounds`
// mutations of it as a caller picked at random, with a fixed seed so that every run
// feeds the same inputs. Only the request is mutated. `on_valid` sees each
// unmutated input (to seed a corpus).
template <typename RunOne, typename OnValid>
void RunSmoke(const std::vector<std::string>& seeds, int callers, int rounds, RunOne run_one,
              OnValid on_valid) {
  std::mt19937 random(20261123);
  const size_t header = callers > 0 ? 2 : 1;
  for (size_t rpc = 0; rpc < seeds.size(); ++rpc) {
    for (int round = 0; round <= rounds; ++round) {
      for (int c = 0; c < (round == 0 ? std::max(callers, 1) : 1); ++c) {
        std::string input(1, static_cast<char>(rpc));
        if (callers > 0) {
          input += static_cast<char>(round == 0 ? c : static_cast<int>(random() % callers));
        }
        input += seeds[rpc];
        const int mutations = round == 0 ? 0 : 1 + static_cast<int>(random() % 4);
        for (int m = 0; m < mutations && input.size() > header; ++m) {
          const size_t at = header + random() % (input.size() - header);
          switch (random() % 3) {
            case 0:
              input[at] = static_cast<char>(random());
              break;
            case 1:
              input.insert(at, 1, static_cast<char>(random()));
              break;
            default:
              input.erase(at, 1);
              break;
          }
        }
        if (round == 0) on_valid(input);
        run_one(reinterpret_cast<const uint8_t*>(input.data()), input.size());
      }
    }
  }
}

}  // namespace rakor::fuzz
