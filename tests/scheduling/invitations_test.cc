// Tier 2: who a meeting invites, resolved through the real registry as of its date;
// answers and deputies; check-in codes; conflicts and find-a-time.
#include "tests/support/scheduling_server.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::rakor::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class Invitations : public SchedulingService {
 protected:
  // Temanggung's monthly meeting of the Asisten Pemerintahan dan Kesra's units.
  const v1::Series kKesraMonthly = ParseTextProto<v1::Series>(R"pb(
    title: "Rapat Koordinasi Bidang Pemerintahan dan Kesra"
    chair: "regions/temanggung/units/asisten-pemerintahan-kesra"
    form: RAPAT_KOORDINASI
    mode: IN_PERSON
    place: "Ruang Rapat Asisten I"
    legal_basis: "Temanggung Pasal 26 ayat (2) huruf a"
    start_local: "2026-01-05T09:00:00"
    duration { seconds: 7200 }
    rrule: "FREQ=MONTHLY;BYDAY=1MO"
    invitees { asisten: "regions/temanggung/units/asisten-pemerintahan-kesra" }
    invitees { unit: "regions/temanggung/units/bappeda-litbang" optional: true }
  )pb");
  static constexpr char kSeries[] = "regions/temanggung/series/rakor-kesra";
  static constexpr char kDecember[] =
      "regions/temanggung/series/rakor-kesra/occurrences/20261207T090000";
  static constexpr char kJanuary[] =
      "regions/temanggung/series/rakor-kesra/occurrences/20270104T090000";
  static constexpr char kDinkes[] = "regions/temanggung/units/dinas-kesehatan";

  void SetUp() override {
    SchedulingService::SetUp();
    v1::Series created;
    ASSERT_THAT(Create("regions/temanggung", "rakor-kesra", kKesraMonthly, &created), IsOk());
  }

  static std::vector<std::string> Units(const v1::Occurrence& o) {
    std::vector<std::string> out;
    for (const auto& i : o.invitations()) out.push_back(i.unit());
    return out;
  }

  grpc::Status Respond(const std::string& occurrence, const std::string& unit,
                       v1::ResponseStatus response, v1::Occurrence* out,
                       const std::string& deputy = "") {
    v1::RespondToInvitationRequest request;
    request.set_occurrence(occurrence);
    request.set_unit(unit);
    request.set_response(response);
    request.set_delegate_name(deputy);
    if (!deputy.empty()) request.set_delegate_position("Sekretaris Dinas");
    return scheduling_stub_->RespondToInvitation(Ctx().get(), request, out);
  }
};

TEST_P(Invitations, AnAsistensUnitsAreInvitedAsOfEachMeetingSoAReorganisationChangesOnlyLaterOnes) {
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  ASSERT_GE(december.invitations_size(), 3);
  EXPECT_THAT(Units(december), Contains(kDinkes));
  EXPECT_THAT(Units(december), Contains("regions/temanggung/units/bappeda-litbang"));
  for (const auto& i : december.invitations()) {
    EXPECT_EQ(i.response(), v1::NEEDS_ACTION);
    EXPECT_EQ(i.required(), i.unit() != "regions/temanggung/units/bappeda-litbang") << i.unit();
    EXPECT_FALSE(i.display_name().empty()) << i.unit();
  }

  // From 2027 the Dinas Kesehatan is coordinated by the Asisten Perekonomian.
  registry::v1::Coordination moved;
  moved.set_asisten("regions/temanggung/units/asisten-perekonomian-pembangunan");
  moved.set_unit(kDinkes);
  moved.set_citation("Temanggung Pasal 26 ayat (2) huruf b");
  *moved.mutable_valid_from() = ToProto(WibTime(2027, 1, 1, 0, 0));
  ASSERT_THAT(registry_->CreateCoordination("regions/temanggung", moved, {}, "t"), IsOk());

  v1::Occurrence january;
  ASSERT_THAT(GetOccurrence(kJanuary, &january), IsOk());
  EXPECT_THAT(Units(january), Not(Contains(kDinkes)));
  EXPECT_THAT(Units(january), Contains("regions/temanggung/units/dinas-sosial"));
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  EXPECT_THAT(Units(december), Contains(kDinkes));  // December is as it was
}

TEST_P(Invitations, AnInvitedUnitAnswersOrSendsANamedDeputy) {
  v1::Occurrence answered;
  ASSERT_THAT(Respond(kDecember, kDinkes, v1::DELEGATED, &answered, "dr. Siti Rahayu"), IsOk());
  ASSERT_THAT(Respond(kDecember, "regions/temanggung/units/dinas-sosial", v1::ACCEPTED, &answered),
              IsOk());
  EXPECT_EQ(answered.sequence(), 0);  // an answer is not a change of the meeting

  StopScheduling();
  OpenScheduling();  // answers are durable
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  ASSERT_GE(december.invitations_size(), 3);
  for (const auto& i : december.invitations()) {
    if (i.unit() == kDinkes) {
      EXPECT_EQ(i.response(), v1::DELEGATED);           // the office stays invited...
      EXPECT_EQ(i.delegate_name(), "dr. Siti Rahayu");  // ...and its deputy is recorded
      EXPECT_EQ(i.delegate_position(), "Sekretaris Dinas");
      EXPECT_TRUE(i.has_response_time());
    } else if (i.unit() == "regions/temanggung/units/dinas-sosial") {
      EXPECT_EQ(i.response(), v1::ACCEPTED);
    } else {
      EXPECT_EQ(i.response(), v1::NEEDS_ACTION) << i.unit();
    }
  }
  // The list, public, carries no answers; GetOccurrence does.
  const auto listed =
      List("regions/temanggung", absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_THAT(listed[0].invitations(), IsEmpty());
}

TEST_P(Invitations, AnAnswerFromAUnitNotInvitedOrADeputyWithoutANameIsRefused) {
  v1::Occurrence ignored;
  EXPECT_THAT(
      Respond(kDecember, "regions/temanggung/units/dinas-ketahanan-pangan-pertanian-perikanan",
              v1::ACCEPTED, &ignored),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not invited")));
  EXPECT_THAT(Respond(kDecember, kDinkes, v1::DELEGATED, &ignored),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("delegate_name")));
  EXPECT_THAT(Respond(kDecember, kDinkes, v1::RESPONSE_STATUS_UNSPECIFIED, &ignored),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("response")));
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  ASSERT_GE(december.invitations_size(), 3);
  for (const auto& i : december.invitations()) EXPECT_EQ(i.response(), v1::NEEDS_ACTION);
}

TEST_P(Invitations, ADeputysAddressThatCouldBreakAMailHeaderIsRefused) {
  for (const std::string& bad :
       {std::string("siti@temanggungkab.go.id\r\nBcc: semua@example.com"),
        std::string("Siti <siti@temanggungkab.go.id>"), std::string("siti@localhost"),
        std::string("siti@temanggungkab.go.id, budi@temanggungkab.go.id")}) {
    v1::RespondToInvitationRequest request;
    request.set_occurrence(kDecember);
    request.set_unit(kDinkes);
    request.set_response(v1::DELEGATED);
    request.set_delegate_name("dr. Siti Rahayu");
    request.set_delegate_email(bad);
    v1::Occurrence ignored;
    EXPECT_THAT(scheduling_stub_->RespondToInvitation(Ctx().get(), request, &ignored),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("delegate_email")))
        << bad;
  }
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  for (const auto& i : december.invitations()) EXPECT_TRUE(i.delegate_email().empty());
}

TEST_P(Invitations, ACheckInCodeLetsAUnitRecordItsOwnPresenceDuringTheMeeting) {
  v1::IssueCheckInCodeRequest issue;
  issue.set_occurrence(kDecember);
  v1::Occurrence issued;
  ASSERT_THAT(scheduling_stub_->IssueCheckInCode(Ctx().get(), issue, &issued), IsOk());
  ASSERT_EQ(issued.check_in_code().size(), 6u);
  EXPECT_EQ(FromProto(issued.check_in_expire_time()), WibTime(2026, 12, 7, 11, 0));

  v1::CheckInRequest check_in;
  check_in.set_occurrence(kDecember);
  check_in.set_unit(kDinkes);
  check_in.set_code(issued.check_in_code());
  v1::Occurrence out;
  EXPECT_THAT(scheduling_stub_->CheckIn(Ctx().get(), check_in, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));  // too early
  clock_.Set(WibTime(2026, 12, 7, 8, 40));
  v1::CheckInRequest wrong = check_in;
  wrong.set_code(issued.check_in_code() == "000000" ? "000001" : "000000");
  EXPECT_THAT(scheduling_stub_->CheckIn(Ctx().get(), wrong, &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("code")));
  v1::CheckInRequest stranger = check_in;
  stranger.set_unit("regions/temanggung/units/dinas-ketahanan-pangan-pertanian-perikanan");
  EXPECT_THAT(scheduling_stub_->CheckIn(Ctx().get(), stranger, &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not invited")));

  ASSERT_THAT(scheduling_stub_->CheckIn(Ctx().get(), check_in, &out), IsOk());
  EXPECT_EQ(out.status(), v1::HELD);
  ASSERT_EQ(out.attendance_size(), 1);
  EXPECT_EQ(out.attendance(0).unit(), kDinkes);
  EXPECT_EQ(out.attendance(0).status(), v1::PRESENT_IN_PERSON);
  EXPECT_TRUE(out.check_in_code().empty());  // only IssueCheckInCode shows it
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  EXPECT_TRUE(december.check_in_code().empty());

  clock_.Set(WibTime(2026, 12, 7, 11, 0));  // the end: closed
  check_in.set_unit("regions/temanggung/units/dinas-sosial");
  EXPECT_THAT(scheduling_stub_->CheckIn(Ctx().get(), check_in, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));

  // Moved later, the January meeting takes check-ins until its new end.
  clock_.Set(WibTime(2027, 1, 4, 8, 0));
  issue.set_occurrence(kJanuary);
  ASSERT_THAT(scheduling_stub_->IssueCheckInCode(Ctx().get(), issue, &issued), IsOk());
  v1::RescheduleOccurrenceRequest later;
  later.set_occurrence(kJanuary);
  *later.mutable_start_time() = ToProto(WibTime(2027, 1, 4, 13, 0));
  later.set_reason("Bupati memimpin apel pagi");
  ASSERT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), later, &out), IsOk());
  clock_.Set(WibTime(2027, 1, 4, 14, 30));
  check_in.set_occurrence(kJanuary);
  check_in.set_code(issued.check_in_code());
  ASSERT_THAT(scheduling_stub_->CheckIn(Ctx().get(), check_in, &out), IsOk());
}

TEST_P(Invitations, AnOverlapForTheSameOfficialIsAWarningOrARefusalAsAsked) {
  v1::Series clash = kKesraMonthly;
  clash.set_title("Rapat Evaluasi Program Kesehatan");
  clash.set_start_local("2026-12-07T10:00:00");  // within the December meeting
  clash.clear_rrule();
  clash.set_reason("Kejadian luar biasa demam berdarah");
  clash.clear_invitees();
  clash.set_chair(kDinkes);  // a required invitee of the monthly meeting
  v1::CreateSeriesRequest refused;
  refused.set_parent("regions/temanggung");
  refused.set_series_id("evaluasi-kesehatan");
  *refused.mutable_series() = clash;
  refused.set_refuse_conflicts(true);
  v1::Series created;
  EXPECT_THAT(scheduling_stub_->CreateSeries(Ctx().get(), refused, &created),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("overlaps \"Rapat Koordinasi Bidang Pemerintahan dan Kesra\"")));
  v1::GetSeriesRequest get;
  get.set_name("regions/temanggung/series/evaluasi-kesehatan");
  EXPECT_THAT(
      scheduling_stub_->GetSeries(Ctx().get(), get, &created),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("evaluasi-kesehatan")));  // nothing written

  ASSERT_THAT(Create("regions/temanggung", "evaluasi-kesehatan", clash, &created), IsOk());
  ASSERT_EQ(created.conflicts_size(), 1);
  EXPECT_EQ(created.conflicts(0).kind(), v1::Conflict::OVERLAP);
  EXPECT_EQ(created.conflicts(0).other(), kDecember);
  EXPECT_THAT(created.conflicts(0).units(), ElementsAre(kDinkes));

  // A meeting of other officials at the same hour is no conflict; one at 17:00 is
  // outside working hours.
  v1::Series late = clash;
  late.set_chair("regions/temanggung/units/dinas-ketahanan-pangan-pertanian-perikanan");
  late.set_start_local("2026-12-08T17:00:00");
  ASSERT_THAT(Create("regions/temanggung", "rapat-sore", late, &created), IsOk());
  ASSERT_EQ(created.conflicts_size(), 1);
  EXPECT_EQ(created.conflicts(0).kind(), v1::Conflict::OUTSIDE_WORKING_HOURS);

  // A retried create answers as the first time: the series does not conflict with itself.
  v1::CreateSeriesRequest retried;
  retried.set_parent("regions/temanggung");
  retried.set_series_id("rapat-sore-2");
  *retried.mutable_series() = late;
  retried.mutable_series()->set_start_local("2026-12-08T13:00:00");
  retried.set_request_id("0b8e3c1e-54f5-4e0a-8d1f-6a1b2c3d4e5f");
  retried.set_refuse_conflicts(true);
  v1::Series first, second;
  ASSERT_THAT(scheduling_stub_->CreateSeries(Ctx().get(), retried, &first), IsOk());
  ASSERT_THAT(scheduling_stub_->CreateSeries(Ctx().get(), retried, &second), IsOk());
  EXPECT_EQ(second.name(), first.name());

  // Moving the December meeting onto the evaluation's hour is refused when asked.
  v1::RescheduleOccurrenceRequest onto;
  onto.set_occurrence(kDecember);
  *onto.mutable_start_time() = ToProto(WibTime(2026, 12, 7, 11, 0));
  onto.set_reason("Asisten berhalangan pagi");
  onto.set_refuse_conflicts(true);
  v1::Occurrence not_moved;
  EXPECT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), onto, &not_moved),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("overlaps \"Rapat Evaluasi Program Kesehatan\"")));

  // Moving it out of working hours is refused when asked.
  v1::RescheduleOccurrenceRequest move;
  move.set_occurrence(kDecember);
  *move.mutable_start_time() = ToProto(WibTime(2026, 12, 8, 16, 0));
  move.set_reason("Asisten berhalangan");
  move.set_refuse_conflicts(true);
  v1::Occurrence out;
  EXPECT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), move, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("outside working hours")));
  v1::Occurrence december;
  ASSERT_THAT(GetOccurrence(kDecember, &december), IsOk());
  EXPECT_EQ(december.sequence(), 0);  // not moved
}

TEST_P(Invitations, FindFreeSlotsAvoidsTheMeetingsOfTheChairAndRequiredInvitees) {
  v1::FindFreeSlotsRequest request;
  request.set_parent("regions/temanggung");
  request.add_units("regions/temanggung/units/sekretariat-daerah");
  request.add_units(kDinkes);  // busy 09:00-11:00 on Monday 7 December
  request.mutable_duration()->set_seconds(3600);
  *request.mutable_earliest_time() = ToProto(WibTime(2026, 12, 7, 8, 0));
  request.set_max_slots(3);
  v1::FindFreeSlotsResponse found;
  ASSERT_THAT(scheduling_stub_->FindFreeSlots(Ctx().get(), request, &found), IsOk());
  std::vector<std::string> shown;
  for (const auto& slot : found.slots()) shown.push_back(slot.start_display());
  EXPECT_THAT(shown,
              ElementsAre("2026-12-07 08:00 WIB", "2026-12-07 11:00 WIB", "2026-12-07 11:30 WIB"));

  request.set_units(
      1,
      "regions/temanggung/units/dinas-ketahanan-pangan-pertanian-perikanan");  // not invited: free
  ASSERT_THAT(scheduling_stub_->FindFreeSlots(Ctx().get(), request, &found), IsOk());
  EXPECT_EQ(found.slots(1).start_display(), "2026-12-07 08:30 WIB");

  request.set_units(1, "regions/temanggung/units/nope");
  EXPECT_THAT(scheduling_stub_->FindFreeSlots(Ctx().get(), request, &found),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("units[1]")));
  request.set_units(1, kDinkes);
  request.mutable_duration()->set_seconds(0);
  EXPECT_THAT(scheduling_stub_->FindFreeSlots(Ctx().get(), request, &found),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("duration")));
}

TEST_P(Invitations, EachRegionsWorkingHoursBoundFindATimeAndAreDurable) {
  v1::GetWorkingHoursRequest get;
  get.set_name("regions/temanggung/workingHours");
  v1::WorkingHours hours;
  ASSERT_THAT(scheduling_stub_->GetWorkingHours(Ctx().get(), get, &hours), IsOk());
  EXPECT_EQ(hours.start(), "07:30");  // the default
  EXPECT_EQ(hours.friday_break_start(), "11:30");

  v1::UpdateWorkingHoursRequest update;
  update.mutable_working_hours()->set_name("regions/temanggung/workingHours");
  update.mutable_working_hours()->set_etag(hours.etag());
  update.mutable_working_hours()->set_start("08:00");
  update.mutable_working_hours()->set_end("15:30");
  update.mutable_working_hours()->set_source("Keputusan Bupati tentang jam kerja (test)");
  for (const char* path : {"start", "end", "source"}) update.mutable_update_mask()->add_paths(path);
  v1::UpdateWorkingHoursRequest bad = update;
  bad.mutable_working_hours()->set_start("25:00");
  EXPECT_THAT(scheduling_stub_->UpdateWorkingHours(Ctx().get(), bad, &hours),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working_hours.start")));
  bad.mutable_working_hours()->set_start("16:00");
  EXPECT_THAT(scheduling_stub_->UpdateWorkingHours(Ctx().get(), bad, &hours),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working_hours.end")));
  ASSERT_THAT(scheduling_stub_->UpdateWorkingHours(Ctx().get(), update, &hours), IsOk());
  EXPECT_EQ(hours.end(), "15:30");
  EXPECT_THAT(scheduling_stub_->UpdateWorkingHours(Ctx().get(), update, &hours),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));  // read again first

  StopScheduling();
  OpenScheduling();
  v1::FindFreeSlotsRequest find;
  find.set_parent("regions/temanggung");
  find.add_units("regions/temanggung/units/sekretariat-daerah");
  find.mutable_duration()->set_seconds(3600);
  *find.mutable_earliest_time() = ToProto(WibTime(2026, 12, 8, 6, 0));
  find.set_max_slots(20);
  v1::FindFreeSlotsResponse found;
  ASSERT_THAT(scheduling_stub_->FindFreeSlots(Ctx().get(), find, &found), IsOk());
  ASSERT_EQ(found.slots_size(), 20);
  EXPECT_EQ(found.slots(0).start_display(), "2026-12-08 08:00 WIB");
  EXPECT_EQ(found.slots(13).start_display(), "2026-12-08 14:30 WIB");  // ends at 15:30
  EXPECT_EQ(found.slots(14).start_display(), "2026-12-09 08:00 WIB");
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Invitations, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::scheduling
