// Tier 2: regions through the real service on a loopback port.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/time.h"
#include "tests/support/registry_server.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::Jakarta;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class RegionService : public rakor::testing::RegistryServerTest {};

TEST_F(RegionService, GetRegionAndListRegions) {
  v1::GetRegionRequest get;
  get.set_name("regions/soppeng");
  v1::Region region;
  ASSERT_THAT(stub_->GetRegion(Ctx().get(), get, &region), IsOk());
  EXPECT_EQ(region.display_name(), "Kabupaten Soppeng");

  v1::ListRegionsRequest list;
  list.set_page_size(2);
  v1::ListRegionsResponse page1, page2;
  ASSERT_THAT(stub_->ListRegions(Ctx().get(), list, &page1), IsOk());
  ASSERT_EQ(page1.regions_size(), 2);
  ASSERT_FALSE(page1.next_page_token().empty());
  list.set_page_token(page1.next_page_token());
  ASSERT_THAT(stub_->ListRegions(Ctx().get(), list, &page2), IsOk());
  EXPECT_THAT(page2.regions_size(), 1);
  EXPECT_TRUE(page2.next_page_token().empty());
  EXPECT_EQ(page1.regions(0).name(), "regions/banjar");
  EXPECT_EQ(page2.regions(0).name(), "regions/temanggung");

  get.set_name("regions/Soppeng");
  EXPECT_THAT(stub_->GetRegion(Ctx().get(), get, &region),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name")));
  get.set_name("regions/atlantis");
  EXPECT_THAT(stub_->GetRegion(Ctx().get(), get, &region),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("regions/atlantis")));
}

TEST_F(RegionService, CreateRegionIsIdempotentAndUpdateRegionHonoursEtags) {
  v1::CreateRegionRequest create;
  create.set_region_id("wonosobo");
  create.set_request_id("8d0c3b7e-create-wonosobo");
  v1::Region* r = create.mutable_region();
  r->set_display_name("Kabupaten Wonosobo");
  r->set_kind(v1::KABUPATEN);
  r->set_head_title("Bupati");
  r->set_province("Jawa Tengah");
  r->set_time_zone("Asia/Jakarta");
  r->set_regulation("Peraturan Bupati Wonosobo");
  *r->mutable_regulation_effective_time() = ToProto(Jakarta(2025, 1, 1));
  r->set_cross_asisten_lead(v1::LEAD_SEKRETARIS_DAERAH);
  r->set_cross_asisten_lead_citation("Wonosobo Pasal 20 ayat (2)");
  r->mutable_reporting_rules()->set_general_policy_citation("Wonosobo Pasal 21 ayat (1)");
  r->mutable_reporting_rules()->set_technical_operational_citation("Wonosobo Pasal 24");
  r->mutable_reporting_rules()->set_through_asisten_citation("Wonosobo Pasal 25 ayat (2)");
  r->mutable_reporting_rules()->set_sekda_reports_citation("Wonosobo Pasal 25 ayat (1)");
  r->mutable_reporting_rules()->set_through_sekda_citation("Wonosobo Pasal 20 ayat (6)");
  r->mutable_reporting_rules()->set_asisten_assists_sekda_citation("Wonosobo Pasal 20 ayat (3)");
  v1::Region first, retry;
  ASSERT_THAT(stub_->CreateRegion(Ctx().get(), create, &first), IsOk());
  ASSERT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry), IsOk());
  EXPECT_EQ(first.SerializeAsString(), retry.SerializeAsString());
  v1::CreateRegionRequest different = create;
  different.mutable_region()->set_province("Jawa Timur");
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), different, &retry),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  create.clear_request_id();
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("regions/wonosobo")));
  create.set_region_id("magelang");
  create.mutable_region()->set_time_zone("Asia/Nowhere");
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region.time_zone")));

  v1::UpdateRegionRequest update;
  update.mutable_region()->set_name("regions/wonosobo");
  update.mutable_region()->set_etag(first.etag());
  update.mutable_region()->set_province("Jawa Tengah (Dieng)");
  update.mutable_update_mask()->add_paths("province");
  v1::Region updated;
  ASSERT_THAT(stub_->UpdateRegion(Ctx().get(), update, &updated), IsOk());
  EXPECT_EQ(updated.province(), "Jawa Tengah (Dieng)");
  EXPECT_EQ(updated.display_name(), "Kabupaten Wonosobo");
  EXPECT_THAT(stub_->UpdateRegion(Ctx().get(), update, &updated),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
}

}  // namespace
}  // namespace rakor::registry
