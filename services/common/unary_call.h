// The gRPC plumbing every unary handler shares, written once: time the call, take
// a slot of the caller's (caller_limits.h), run the plain handler (unless the call's
// context could not be made: no identity, refused by the policy), log one line,
// convert the status at the edge.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/blocking_pool.h"
#include "services/common/caller_limits.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_record.h"

namespace rakor {

template <typename Context, typename Request, typename Response, typename Handler>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* call, absl::string_view method,
                                     absl::StatusOr<Context> ctx, const Request* request,
                                     Response* response, Handler handler) {
  const absl::Time start = absl::Now();
  const std::string peer = call->peer();  // a copy each time it is asked for
  absl::StatusOr<CallerSlot> slot =
      ctx.ok() ? TakeCallerSlot(method, ctx->caller, peer) : ctx.status();
  const absl::Status status = slot.ok() ? handler(&*ctx, request, response) : slot.status();
  slot = CallerSlot();
  RecordRpc(method, status, absl::Now() - start, peer);
  grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

// ServeUnary for a handler that waits on other services or the disk: it runs on
// BlockingPool::ForWaitingHandlers(), not on gRPC's thread (see blocking_pool.h).
template <typename Context, typename Request, typename Response, typename Handler>
grpc::ServerUnaryReactor* ServeUnaryBlocking(grpc::CallbackServerContext* call,
                                             absl::string_view method, absl::StatusOr<Context> ctx,
                                             const Request* request, Response* response,
                                             Handler handler) {
  grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
  const absl::Time start = absl::Now();
  std::string peer = call->peer();  // a copy each time it is asked for
  // Taken here, so that a caller over its limit does not queue for a pool thread.
  absl::StatusOr<CallerSlot> slot =
      ctx.ok() ? TakeCallerSlot(method, ctx->caller, peer) : ctx.status();
  if (!slot.ok()) {
    RecordRpc(method, slot.status(), absl::Now() - start, peer);
    reactor->Finish(ToGrpcStatus(slot.status()));
    return reactor;
  }
  BlockingPool::ForWaitingHandlers().Run([method, ctx = std::move(ctx), request, response, handler,
                                          reactor, start, peer = std::move(peer),
                                          slot = *std::move(slot)]() mutable {
    const absl::Status status = handler(&*ctx, request, response);
    slot.reset();
    RecordRpc(method, status, absl::Now() - start, peer);
    reactor->Finish(ToGrpcStatus(status));
  });
  return reactor;
}

}  // namespace rakor
