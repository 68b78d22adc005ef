// The authorization policies (services/*/policy.cc) as the three services enforce
// them over loopback: every RPC of every service has a row, every row lets a caller
// it names through and turns away one it does not (another role, the same role in
// another region, an anonymous caller), and a handful of rules are spelled out.
#include "services/registry/policy.h"

#include <future>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "services/common/metrics.h"
#include "services/reporting/policy.h"
#include "services/scheduling/policy.h"
#include "tests/support/reporting_server.h"

namespace rakor::reporting {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kSoppengUnit[] = "regions/soppeng/units/dinas-kesehatan";

// A request of `method`'s input type with `target` (a dotted field path) set to
// `value`.
std::string RequestBytes(const google::protobuf::MethodDescriptor& method, absl::string_view target,
                         const std::string& value) {
  std::unique_ptr<Message> request(google::protobuf::MessageFactory::generated_factory()
                                       ->GetPrototype(method.input_type())
                                       ->New());
  Message* message = request.get();
  const std::vector<std::string> path = absl::StrSplit(target, '.', absl::SkipEmpty());
  for (size_t i = 0; i < path.size(); ++i) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(path[i]);
    EXPECT_NE(field, nullptr) << method.full_name() << " has no field " << target;
    if (field == nullptr) break;
    if (i + 1 == path.size()) {
      message->GetReflection()->SetString(message, field, value);
    } else {
      message = message->GetReflection()->MutableMessage(message, field);
    }
  }
  return request->SerializeAsString();
}

class EveryPolicyRow : public ReportingService {
 protected:
  struct Service {
    std::string full_name;
    absl::Span<const MethodPolicy> policy;
    std::string address;
  };

  std::vector<Service> Services() const {
    return {{"rakor.registry.v1.RegistryService", registry::Policy(),
             "127.0.0.1:" + std::to_string(port_)},
            {"rakor.scheduling.v1.SchedulingService", scheduling::Policy(),
             "127.0.0.1:" + std::to_string(scheduling_port_)},
            {"rakor.reporting.v1.ReportingService", reporting::Policy(), reporting_address_}};
  }

  // `method` of `service` called as `actor` ("" anonymous) with the row's target set.
  grpc::Status CallAs(const Service& service, const google::protobuf::MethodDescriptor& method,
                      const MethodPolicy& row, const std::string& actor) {
    auto channel = grpc::CreateChannel(service.address, grpc::InsecureChannelCredentials());
    grpc::GenericStub stub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!actor.empty()) ctx.AddMetadata("rakor-actor", actor);
    const std::string bytes = RequestBytes(method, row.target, kSoppengUnit);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&ctx, absl::StrCat("/", service.full_name, "/", method.name()),
                   grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }
};

// A caller `grant` admits for a target in Soppeng (kSoppengUnit).
std::string Admitted(const Grant& grant) {
  const std::string role(RoleName(grant.role));
  switch (grant.reach) {
    case Reach::kOwnUnit:
      return absl::StrCat(kSoppengUnit, "#", role);
    case Reach::kOwnRegion:
      return absl::StrCat("regions/soppeng/units/sekretariat-daerah#", role);
    case Reach::kEveryRegion:
      return grant.role == Role::kNational || grant.role == Role::kService
                 ? role
                 : absl::StrCat("regions/banjar/units/sekretariat-daerah#", role);
  }
  return "";
}

// Callers the row turns away: anonymous, the public, the same role in another
// region (for a grant that does not reach every region), and every role the row
// grants nothing.
std::vector<std::string> Refused(const MethodPolicy& row) {
  std::vector<std::string> refused = {"", "public"};
  for (const Grant& grant : row.grants) {
    if (grant.reach == Reach::kEveryRegion) continue;
    refused.push_back(
        absl::StrCat("regions/temanggung/units/sekretariat-daerah#", RoleName(grant.role)));
  }
  for (Role role : {Role::kStaff, Role::kHead, Role::kAsisten, Role::kSekda, Role::kHeadOfRegion,
                    Role::kRegionAdmin, Role::kNational, Role::kService}) {
    const bool granted = std::any_of(row.grants.begin(), row.grants.end(),
                                     [&](const Grant& g) { return g.role == role; });
    if (granted) continue;
    refused.push_back(
        role == Role::kNational || role == Role::kService
            ? std::string(RoleName(role))
            : absl::StrCat("regions/soppeng/units/sekretariat-daerah#", RoleName(role)));
  }
  return refused;
}

TEST_P(EveryPolicyRow, EveryMethodHasARowThatAdmitsWhomItNamesAndRefusesTheRest) {
  int rows = 0;
  for (const Service& service : Services()) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service.full_name);
    ASSERT_NE(descriptor, nullptr) << service.full_name;
    for (int m = 0; m < descriptor->method_count(); ++m) {
      const auto& method = *descriptor->method(m);
      const MethodPolicy* row = FindPolicy(service.policy, method.name());
      ASSERT_NE(row, nullptr) << method.full_name() << " has no policy row";
      ++rows;
      // Streams are specified with their own tests (watch, attachments).
      if (method.client_streaming() || method.server_streaming()) continue;
      SCOPED_TRACE(method.full_name());
      if (row->is_public) {
        EXPECT_NE(CallAs(service, method, *row, "").error_code(),
                  grpc::StatusCode::PERMISSION_DENIED);
        continue;
      }
      ASSERT_FALSE(row->grants.empty());
      for (const Grant& grant : row->grants) {
        const grpc::Status status = CallAs(service, method, *row, Admitted(grant));
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << Admitted(grant) << ": " << status.error_message();
      }
      for (const std::string& actor : Refused(*row)) {
        const grpc::Status status = CallAs(service, method, *row, actor);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << (actor.empty() ? "anonymous" : actor) << ": " << status.error_message();
      }
    }
  }
  EXPECT_EQ(rows, static_cast<int>(registry::Policy().size() + scheduling::Policy().size() +
                                   reporting::Policy().size()))
      << "a policy row names no method";
}

// rakor_rpc_refused_total{method, code="PERMISSION_DENIED", role} in this process.
double RefusedCount(const std::string& method, const std::string& role) {
  for (const auto& family : MetricsRegistry().Collect()) {
    if (family.name != "rakor_rpc_refused_total") continue;
    for (const auto& metric : family.metric) {
      std::map<std::string, std::string> labels;
      for (const auto& label : metric.label) labels[label.name] = label.value;
      if (labels["method"] == method && labels["role"] == role &&
          labels["code"] == "PERMISSION_DENIED") {
        return metric.counter.value;
      }
    }
  }
  return 0;
}

TEST_P(EveryPolicyRow, ARefusalNamesTheRuleAndIsCountedByRole) {
  const double before = RefusedCount("CreateUnit", "region-admin");
  const Service registry = Services()[0];
  const auto* method = google::protobuf::DescriptorPool::generated_pool()
                           ->FindServiceByName(registry.full_name)
                           ->FindMethodByName("CreateUnit");
  const grpc::Status status = CallAs(registry, *method, *FindPolicy(registry.policy, "CreateUnit"),
                                     "regions/temanggung/units/sekretariat-daerah#region-admin");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              ::testing::HasSubstr("is for region-admin of that region, national anywhere; "
                                   "regions/temanggung/units/sekretariat-daerah#region-admin "
                                   "may not"));
  EXPECT_EQ(RefusedCount("CreateUnit", "region-admin"), before + 1);
}

INSTANTIATE_TEST_SUITE_P(SQLite, EveryPolicyRow, ::testing::Values("sqlite"));

// The rules that matter most, spelled out rather than derived from the table.
TEST(Policy, SchedulesAndComplianceArePublicDocumentsInProgressAreNot) {
  EXPECT_TRUE(FindPolicy(scheduling::Policy(), "GetCompliance")->is_public);
  EXPECT_TRUE(FindPolicy(scheduling::Policy(), "ListOccurrences")->is_public);
  rakor::reporting::v1::GetDocumentRequest get;
  get.set_name("regions/soppeng/documents/notulen");
  EXPECT_EQ(Authorize(reporting::Policy(), "test", "GetDocument", Caller::Anonymous(), get).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      Authorize(reporting::Policy(), "test", "GetDocument", Caller{"", Role::kPublic}, get).code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(Policy, NoOfficialReadsOrWritesAnotherRegionsData) {
  rakor::reporting::v1::ListDocumentsRequest list;
  list.set_parent("regions/soppeng");
  const Caller banjar_sekda{"regions/banjar/units/sekretariat-daerah", Role::kSekda};
  const Caller soppeng_sekda{"regions/soppeng/units/sekretariat-daerah", Role::kSekda};
  EXPECT_EQ(Authorize(reporting::Policy(), "test", "ListDocuments", banjar_sekda, list).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(reporting::Policy(), "test", "ListDocuments", soppeng_sekda, list).ok());
  list.set_parent("regions/-");  // every region at once: nobody's, documents are routed
  EXPECT_EQ(Authorize(reporting::Policy(), "test", "ListDocuments", soppeng_sekda, list).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      Authorize(reporting::Policy(), "test", "ListDocuments", Caller{"", Role::kNational}, list)
          .code(),
      absl::StatusCode::kPermissionDenied);
  // Schedules are public in every region at once.
  rakor::scheduling::v1::GetComplianceRequest compliance;
  compliance.set_parent("regions/-");
  EXPECT_TRUE(
      Authorize(scheduling::Policy(), "test", "GetCompliance", Caller::Anonymous(), compliance)
          .ok());
}

TEST(Policy, OnlyARegionsAdministratorReorganisesIt) {
  rakor::registry::v1::DeleteUnitRequest del;
  del.set_name(kSoppengUnit);
  for (const Caller& caller :
       {Caller{"regions/soppeng/units/sekretariat-daerah", Role::kSekda},
        Caller{"regions/soppeng/units/sekretariat-daerah", Role::kHeadOfRegion},
        Caller{"regions/banjar/units/sekretariat-daerah", Role::kRegionAdmin},
        Caller{"", Role::kService}}) {
    EXPECT_EQ(Authorize(registry::Policy(), "test", "DeleteUnit", caller, del).code(),
              absl::StatusCode::kPermissionDenied)
        << caller.ToString();
  }
  EXPECT_TRUE(Authorize(registry::Policy(), "test", "DeleteUnit",
                        Caller{"regions/soppeng/units/sekretariat-daerah", Role::kRegionAdmin}, del)
                  .ok());
}

TEST(Policy, AServiceMarksMinutesAcceptedNotAnOfficialPastTheRoute) {
  rakor::scheduling::v1::MarkMinutesAcceptedRequest mark;
  mark.set_occurrence("regions/soppeng/series/rakor/occurrences/20261207T090000");
  EXPECT_TRUE(Authorize(scheduling::Policy(), "test", "MarkMinutesAccepted",
                        Caller{"", Role::kService}, mark)
                  .ok());
  EXPECT_EQ(Authorize(scheduling::Policy(), "test", "MarkMinutesAccepted",
                      Caller{"regions/soppeng/units/sekretariat-daerah", Role::kSekda}, mark)
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(Policy, AResourceNameGivesItsRegionAndUnitAndNothingElse) {
  EXPECT_EQ(TargetOf("regions/soppeng/units/inspektorat/x").unit,
            "regions/soppeng/units/inspektorat");
  EXPECT_EQ(TargetOf("regions/soppeng/series/s").region, "soppeng");
  EXPECT_EQ(TargetOf("regions/soppeng/series/s").unit, "");
  for (const char* none : {"", "regions/-", "regions/", "regions//units/x", "attachments/ab",
                           "region/soppeng", "soppeng"}) {
    EXPECT_EQ(TargetOf(none).region, "") << none;
    EXPECT_EQ(TargetOf(none).unit, "") << none;
  }
}

TEST(CallerIdentity, ACertificatesSpiffeIdIsACallerInItsCanonicalFormOnly) {
  for (const Caller& caller :
       {Caller{"regions/soppeng/units/asisten-pemerintahan-kesra", Role::kAsisten},
        Caller{"", Role::kService}, Caller{"", Role::kNational}}) {
    const auto back = CallerFromSpiffeId(SpiffeIdOf(caller));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, caller);
  }
  EXPECT_EQ(SpiffeIdOf(Caller{"regions/soppeng/units/asisten-pemerintahan-kesra", Role::kAsisten}),
            "spiffe://rakor/regions/soppeng/units/asisten-pemerintahan-kesra/role/asisten");
  for (const char* hostile :
       {"spiffe://rakor/role/regions/soppeng/units/x#head",  // a unit minted from a role
        "spiffe://rakor/regions/soppeng/units/x/role/head#sekda",
        "spiffe://rakor/regions/soppeng/units/x/role/nobody", "spiffe://other/role/service",
        "spiffe://rakor/regions/soppeng/units/x", "spiffe://rakor/role/head",
        "spiffe://rakor/regions/soppeng/units/x/y/role/head", "https://rakor/role/service"}) {
    EXPECT_FALSE(CallerFromSpiffeId(hostile).ok()) << hostile;
  }
}

TEST(Policy, AUnitAnswersItsOwnInvitationOnly) {
  rakor::scheduling::v1::RespondToInvitationRequest respond;
  respond.set_unit(kSoppengUnit);
  EXPECT_TRUE(Authorize(scheduling::Policy(), "test", "RespondToInvitation",
                        Caller{kSoppengUnit, Role::kHead}, respond)
                  .ok());
  EXPECT_EQ(Authorize(scheduling::Policy(), "test", "RespondToInvitation",
                      Caller{"regions/soppeng/units/inspektorat", Role::kHead}, respond)
                .code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace rakor::reporting
