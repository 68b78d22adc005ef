// The seeded registry served by the real gRPC service over loopback, and what a
// client test needs around it: a stub, a caller, the rich details of a status.
#pragma once

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/service.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/rich_status.h"

namespace rakor::testing {

class RegistryServerTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    Serve();
  }
  void TearDown() override {
    StopServing();
    RegistryTest::TearDown();
  }

  // (Re)starts the service with `options` on a new loopback port.
  void Serve(WatchOptions options = {}) {
    StopServing();
    EnableRpcLog(false);  // the process tests check the log
    service_ = std::make_unique<registry::RegistryServiceImpl>(registry_.get(), true, options);
    auto running = StartServer("127.0.0.1:0", {service_.get()});
    ASSERT_TRUE(running.ok()) << running.status();
    server_ = std::move(running->server);
    port_ = running->port;
    stub_ = NewStub();
  }

  void StopServing() {
    if (server_ != nullptr) {
      service_->StopWatches();
      server_->Shutdown();
    }
    server_.reset();
    service_.reset();  // before the registry whose changes it follows
  }

  // A stub on a channel of its own (channels with different arguments do not share
  // a connection).
  std::unique_ptr<registry::v1::RegistryService::Stub> NewStub(grpc::ChannelArguments args = {}) {
    args.SetInt("rakor-test-channel", next_channel_++);
    return registry::v1::RegistryService::NewStub(grpc::CreateCustomChannel(
        "127.0.0.1:" + std::to_string(port_), grpc::InsecureChannelCredentials(), args));
  }

  // A fresh context per call, identifying the caller in development mode: a
  // national administrator, who may write in every region.
  static std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("rakor-actor", "national");
    return ctx;
  }

  std::unique_ptr<registry::RegistryServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
  int port_ = 0;
  int next_channel_ = 0;
};

}  // namespace rakor::testing
