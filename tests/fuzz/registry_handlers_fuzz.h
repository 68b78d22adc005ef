#pragma once

#include <cstddef>
#include <cstdint>

namespace rakor::registry::fuzz {

// How many RPCs the first input byte chooses among (in RAKOR_REGISTRY_UNARY_RPCS order).
int RpcCount();
// One fuzz input: byte 0 picks the RPC, the rest is its serialised request.
void RunOne(const uint8_t* data, size_t size);

}  // namespace rakor::registry::fuzz
