// Fuzzes every unary scheduling handler: the first byte picks the RPC, the second
// the caller, the rest is parsed as the request and handed to the handler as the
// gRPC adapter would, on the seeded services (services_environment.h). A crash, a
// sanitizer report, or an INTERNAL/UNKNOWN status (a bug, not bad input) fails.
#include "tests/fuzz/scheduling_handlers_fuzz.h"

#include "services/scheduling/handlers/handlers.h"
#include "services/scheduling/service.h"
#include "tests/fuzz/services_environment.h"

namespace rakor::scheduling::fuzz {
namespace {

template <typename Request, typename Response>
void Call(absl::Status (*handler)(RequestContext*, const Request*, Response*), uint8_t caller,
          const uint8_t* data, size_t size) {
  Request request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  Response response;
  rakor::fuzz::ServicesEnvironment& env = rakor::fuzz::ServicesEnvironment::Get();
  RequestContext ctx{env.scheduling.get(), rakor::fuzz::CallerAt(caller), env.clock.Now()};
  rakor::fuzz::AbortOnBug(request, handler(&ctx, &request, &response));
}

using Entry = void (*)(uint8_t, const uint8_t*, size_t);
#define RAKOR_FUZZ_ENTRY(Method, Request, Response)                        \
  [](uint8_t caller, const uint8_t* data, size_t size) {                   \
    Call<v1::Request, v1::Response>(handlers::Method, caller, data, size); \
  },
constexpr Entry kEntries[] = {RAKOR_SCHEDULING_UNARY_RPCS(RAKOR_FUZZ_ENTRY)};
#undef RAKOR_FUZZ_ENTRY

}  // namespace

int RpcCount() { return static_cast<int>(std::size(kEntries)); }
int CallerCount() { return rakor::fuzz::CallerCount(); }

void RunOne(const uint8_t* data, size_t size) {
  if (size < 2) return;
  kEntries[data[0] % std::size(kEntries)](data[1], data + 2, size - 2);
}

}  // namespace rakor::scheduling::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rakor::scheduling::fuzz::RunOne(data, size);
  return 0;
}
