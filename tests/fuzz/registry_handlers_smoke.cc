// Without libFuzzer (the gcc build, CI): a deterministic run of the fuzz target on
// mutations of one valid request per RPC, so that every build exercises it.
#include <string>

#include "gtest/gtest.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "tests/fuzz/registry_handlers_fuzz.h"
#include "tests/fuzz/smoke_run.h"

namespace rakor::registry::fuzz {
namespace {

namespace v1 = rakor::registry::v1;

using ::rakor::fuzz::Serialized;

// One valid request per RPC, in RAKOR_REGISTRY_UNARY_RPCS order.
std::vector<std::string> Seeds() {
  const char* unit = R"(name: "regions/temanggung/units/dinas-kesehatan")";
  return {
      Serialized<v1::GetRegionRequest>(R"(name: "regions/soppeng")"),
      Serialized<v1::ListRegionsRequest>("page_size: 2"),
      Serialized<v1::CreateRegionRequest>(
          R"(region_id: "fuzz" request_id: "r1" region { display_name: "Kota Fuzz" kind: KOTA
             head_title: "Wali Kota" province: "P" time_zone: "Asia/Jayapura" regulation: "R"
             regulation_effective_time { seconds: 1700000000 }
             cross_asisten_lead: LEAD_SEKRETARIS_DAERAH cross_asisten_lead_citation: "Fuzz Pasal 1"
             reporting_rules { general_policy_citation: "Fuzz Pasal 2"
               technical_operational_citation: "Fuzz Pasal 3" through_asisten_citation: "Fuzz Pasal 4"
               sekda_reports_citation: "Fuzz Pasal 5" through_sekda_citation: "Fuzz Pasal 6"
               asisten_assists_sekda_citation: "Fuzz Pasal 7" } })"),
      Serialized<v1::UpdateRegionRequest>(
          R"(region { name: "regions/banjar" province: "Jawa Barat" } update_mask { paths: "province" })"),
      Serialized<v1::GetUnitRequest>(unit),
      Serialized<v1::ListUnitsRequest>(
          R"(parent: "regions/banjar" filter: "kind = DINAS" page_size: 3)"),
      Serialized<v1::CreateUnitRequest>(
          R"(parent: "regions/banjar" unit_id: "kelurahan-fuzz" request_id: "u1"
             unit { display_name: "Kelurahan Fuzz" kind: KELURAHAN head_title: "Lurah"
                    parent: "regions/banjar/units/kecamatan-banjar"
                    citations: "Banjar Pasal 23 ayat (2) huruf b angka 15" })"),
      Serialized<v1::UpdateUnitRequest>(
          R"(unit { name: "regions/soppeng/units/inspektorat" contact_email: "a@b.id" }
             update_mask { paths: "contact_email" })"),
      Serialized<v1::DeleteUnitRequest>(
          R"(name: "regions/temanggung/units/kecamatan-bulu" effective_time { seconds: 1800000000 })"),
      Serialized<v1::ListCoordinationsRequest>(
          R"(parent: "regions/temanggung" filter: "unit = \"regions/temanggung/units/inspektorat\"")"),
      Serialized<v1::CreateCoordinationRequest>(
          R"(parent: "regions/soppeng" coordination {
               asisten: "regions/soppeng/units/asisten-administrasi-umum"
               unit: "regions/soppeng/units/dinas-kesehatan" citation: "Soppeng Pasal 24"
               valid_from { seconds: 1790000000 } })"),
      Serialized<v1::ListRelationshipRulesRequest>(R"(parent: "regions/soppeng")"),
      Serialized<v1::GetCoordinatorRequest>(R"(unit: "regions/banjar/units/inspektorat")"),
      Serialized<v1::ListCoordinatedUnitsRequest>(
          R"(asisten: "regions/banjar/units/asisten-perekonomian-pembangunan" page_size: 4)"),
      Serialized<v1::GetReportingChainRequest>(
          R"(unit: "regions/temanggung/units/kecamatan-kedu" matter: GENERAL_POLICY)"),
      Serialized<v1::GetWorkingRelationshipRequest>(
          R"(unit_a: "regions/soppeng/units/sekretariat-dprd" unit_b: "regions/soppeng/units/kecamatan-citta")"),
      Serialized<v1::GetLeadCoordinatorRequest>(
          R"(units: "regions/soppeng/units/dinas-kesehatan" units: "regions/soppeng/units/inspektorat")"),
  };
}

TEST(RegistryHandlersFuzz, SurvivesMutationsOfValidRequests) {
  const std::vector<std::string> seeds = Seeds();
  ASSERT_EQ(static_cast<int>(seeds.size()), RpcCount());
  rakor::fuzz::RunSmoke(seeds, 0, 400, RunOne, [](const std::string&) {});
}

}  // namespace
}  // namespace rakor::registry::fuzz
