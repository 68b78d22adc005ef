#pragma once

#include <cstddef>
#include <cstdint>

namespace rakor::scheduling::fuzz {

// How many RPCs the first input byte chooses among (in RAKOR_SCHEDULING_UNARY_RPCS order).
int RpcCount();
// How many callers the second byte chooses among (services_environment.h).
int CallerCount();
// One fuzz input: byte 0 picks the RPC, byte 1 the caller, the rest is the request.
void RunOne(const uint8_t* data, size_t size);

}  // namespace rakor::scheduling::fuzz
