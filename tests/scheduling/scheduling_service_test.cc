// Tier 2: the scheduling service over loopback, asking the real registry (also over
// loopback, seeded) for regions and units.
#include "services/common/channels.h"
#include "tests/support/scheduling_server.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_P(SchedulingService, AMonthlyRakorAt0900WitaIsHeldAt0100Z) {
  v1::Series created;
  ASSERT_THAT(Create("regions/soppeng", "rakor-bulanan", kSoppengMonthly, &created), IsOk());
  EXPECT_EQ(created.name(), "regions/soppeng/series/rakor-bulanan");
  EXPECT_EQ(created.time_zone(), "Asia/Makassar");  // from the registry
  const auto held = List("regions/soppeng", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 4, 1));
  EXPECT_THAT(Utc(held),
              ElementsAre("2026-01-05T01:00Z", "2026-02-02T01:00Z", "2026-03-02T01:00Z"));
  ASSERT_FALSE(held.empty());
  EXPECT_EQ(held[0].start_display(), "2026-01-05 09:00 WITA");
  EXPECT_EQ(held[0].name(), "regions/soppeng/series/rakor-bulanan/occurrences/20260105T090000");
  EXPECT_EQ(FromProto(held[0].end_time()) - FromProto(held[0].start_time()), absl::Hours(2));
  EXPECT_EQ(held[0].legal_basis(), "Soppeng Pasal 22 ayat (4)");
}

TEST_P(SchedulingService, ImportedHolidaysMoveAnOccurrenceAndItKeepsItsIdentity) {
  v1::Series created;
  ASSERT_THAT(Create("regions/soppeng", "rakor-bulanan", kSoppengMonthly, &created), IsOk());
  v1::ImportDaysOffRequest import;
  import.set_parent("regions/soppeng");
  import.set_ics(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rakor//test//ID\r\nBEGIN:VEVENT\r\n"
      "UID:p@test\r\nDTSTART;VALUE=DATE:20260601\r\nSUMMARY:Hari Lahir Pancasila\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n");
  import.set_source("test fixture");
  v1::ImportDaysOffResponse imported;
  ASSERT_THAT(scheduling_stub_->ImportDaysOff(Ctx().get(), import, &imported), IsOk());
  EXPECT_EQ(imported.added(), 1);
  ASSERT_THAT(scheduling_stub_->ImportDaysOff(Ctx().get(), import, &imported), IsOk());
  EXPECT_EQ(imported.already_known(), 1);  // importing twice adds nothing

  for (int restart = 0; restart < 2; ++restart) {
    const auto june =
        List("regions/soppeng", absl::CivilDay(2026, 6, 1), absl::CivilDay(2026, 7, 1));
    ASSERT_EQ(june.size(), 1u);
    EXPECT_EQ(june[0].start_display(), "2026-06-02 09:00 WITA");
    EXPECT_EQ(june[0].original_start_local(), "2026-06-01T09:00:00");
    EXPECT_EQ(june[0].moved_from_day_off(), "Hari Lahir Pancasila");
    StopScheduling();
    OpenScheduling();  // the series and the day off are durable
  }

  // Other services count working days with the region's days off and zone.
  v1::ListDaysOffRequest list;
  list.set_parent("regions/soppeng");
  list.set_start_date("2026-05-01");
  list.set_end_date("2026-06-30");
  v1::ListDaysOffResponse days;
  ASSERT_THAT(scheduling_stub_->ListDaysOff(Ctx().get(), list, &days), IsOk());
  EXPECT_EQ(days.time_zone(), "Asia/Makassar");
  ASSERT_EQ(days.days_off_size(), 1);
  EXPECT_EQ(days.days_off(0).date(), "2026-06-01");
  EXPECT_EQ(days.days_off(0).name(), "Hari Lahir Pancasila");
  list.set_end_date("2026-05-31");
  ASSERT_THAT(scheduling_stub_->ListDaysOff(Ctx().get(), list, &days), IsOk());
  EXPECT_EQ(days.days_off_size(), 0);
  list.set_end_date("2028-01-01");
  EXPECT_THAT(scheduling_stub_->ListDaysOff(Ctx().get(), list, &days),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("end_date")));
}

TEST_P(SchedulingService, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  v1::Series created;
  v1::Series bad = kSoppengMonthly;
  bad.set_rrule("FREQ=SOMETIMES");
  EXPECT_THAT(Create("regions/soppeng", "s", bad, &created),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.rrule")));
  bad = kSoppengMonthly;
  bad.set_chair("regions/banjar/units/sekretariat-daerah");
  EXPECT_THAT(Create("regions/soppeng", "s", bad, &created),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.chair")));
  bad = kSoppengMonthly;
  bad.set_chair("regions/soppeng/units/no-such-unit");
  EXPECT_THAT(Create("regions/soppeng", "s", bad, &created),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no-such-unit")));
  bad = kSoppengMonthly;
  bad.set_start_local("2026-01-05 09:00");
  EXPECT_THAT(Create("regions/soppeng", "s", bad, &created),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.start_local")));
  bad = kSoppengMonthly;
  bad.clear_rrule();  // a single meeting must say why it is held (insidental)
  EXPECT_THAT(Create("regions/soppeng", "s", bad, &created),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.reason")));
  EXPECT_THAT(Create("regions/atlantis", "s", kSoppengMonthly, &created),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.chair")));
  v1::ListSeriesRequest list;
  list.set_parent("regions/-");
  v1::ListSeriesResponse all;
  ASSERT_THAT(scheduling_stub_->ListSeries(Ctx().get(), list, &all), IsOk());
  EXPECT_EQ(all.series_size(), 0);
}

TEST_P(SchedulingService, ARetriedCreateReturnsTheFirstSeries) {
  v1::Series first, again;
  ASSERT_THAT(Create("regions/soppeng", "rakor", kSoppengMonthly, &first, "req-1"), IsOk());
  ASSERT_THAT(Create("regions/soppeng", "rakor", kSoppengMonthly, &again, "req-1"), IsOk());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.create_time().seconds(), first.create_time().seconds());
  EXPECT_THAT(Create("regions/soppeng", "rakor", kSoppengMonthly, &again, ""),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("rakor")));
  v1::Series other = kSoppengMonthly;
  other.set_title("Lain");
  EXPECT_THAT(Create("regions/soppeng", "rakor-2", other, &again, "req-1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("req-1")));
}

TEST_P(SchedulingService, OccurrencesOfEveryRegionPageInOrder) {
  v1::Series created;
  ASSERT_THAT(Create("regions/soppeng", "rakor-bulanan", kSoppengMonthly, &created), IsOk());
  v1::Series temanggung = kSoppengMonthly;
  temanggung.set_chair("regions/temanggung/units/bupati");
  temanggung.set_legal_basis("Temanggung Pasal 18");
  temanggung.set_rrule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
  temanggung.set_start_local("2026-01-30T13:00:00");
  ASSERT_THAT(Create("regions/temanggung", "rakor-bulanan", temanggung, &created), IsOk());
  const auto paged = List("regions/-", absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1), 5);
  EXPECT_EQ(paged.size(), 24u);
  for (size_t i = 1; i < paged.size(); ++i) {
    EXPECT_LE(FromProto(paged[i - 1].start_time()), FromProto(paged[i].start_time()));
  }
  EXPECT_EQ(List("regions/temanggung", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 2, 1))[0]
                .start_display(),
            "2026-01-30 13:00 WIB");
}

TEST_P(SchedulingService, WithTheRegistryDownACreateIsUnavailableAndWritesNothing) {
  StopServing();  // the registry
  v1::Series created;
  EXPECT_THAT(Create("regions/soppeng", "rakor", kSoppengMonthly, &created),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("registry")));
  EXPECT_TRUE(List("regions/-", absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1)).empty());
}

TEST_P(SchedulingService, AFreshStartHasTheSeededSeriesThatFulfilTheRegulations) {
  auto seeds = ReadSeedDirectory(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling");
  ASSERT_THAT(seeds, IsOk());
  StopServing();  // the registry: the seed waits for it
  EXPECT_THAT(ApplySeed(*scheduling_, *seeds),
              StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
  Serve();
  directory_ = std::make_unique<RegistryDirectory>(
      rakor::ServiceChannel("127.0.0.1:" + std::to_string(port_)), absl::Seconds(1));
  StopScheduling();
  OpenScheduling();
  ASSERT_THAT(ApplySeed(*scheduling_, *seeds), IsOk());
  ASSERT_THAT(ApplySeed(*scheduling_, *seeds), IsOk());  // again: nothing changes

  // Temanggung Pasal 18: at least monthly; the seed holds it on the first Monday.
  const auto temanggung =
      List("regions/temanggung", absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(temanggung.size(), 12u);
  ASSERT_FALSE(temanggung.empty());
  EXPECT_EQ(temanggung[0].legal_basis(), "Temanggung Pasal 18");
  EXPECT_EQ(temanggung[0].start_display(), "2026-01-05 09:00 WIB");
  // The shipped holidays are imported: Hari Lahir Pancasila is June's first Monday.
  ASSERT_EQ(temanggung.size(), 12u);
  EXPECT_EQ(temanggung[5].start_display(), "2026-06-02 09:00 WIB");
  EXPECT_EQ(temanggung[5].moved_from_day_off(), "Hari Lahir Pancasila");
  EXPECT_EQ(temanggung[5].original_start_local(), "2026-06-01T09:00:00");
  // Its invitees are every Perangkat Daerah of the regency and the three Asisten.
  v1::Occurrence june;
  ASSERT_THAT(GetOccurrence(temanggung[5].name(), &june), IsOk());
  EXPECT_EQ(june.invitations_size(), 3 + 1 + 1 + 1 + 17 + 5 + 20);
  // Banjar Pasal 19 ayat (2) huruf d: periodic; the seed assumes quarterly.
  EXPECT_THAT(Utc(List("regions/banjar", absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 1, 1))),
              ElementsAre("2026-01-06T03:00Z", "2026-04-07T03:00Z", "2026-07-07T03:00Z",
                          "2026-10-06T03:00Z"));
  v1::ListSeriesRequest list;
  list.set_parent("regions/-");
  v1::ListSeriesResponse all;
  ASSERT_THAT(scheduling_stub_->ListSeries(Ctx().get(), list, &all), IsOk());
  EXPECT_EQ(all.series_size(), 2);
}

TEST_P(SchedulingService, AttendanceAndAcceptedMinutesMakeAMonthMet) {
  auto seeds = ReadSeedDirectory(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling");
  ASSERT_THAT(seeds, IsOk());
  // rakor has kept the regions' meetings since 1 September: the rules start then.
  const absl::Time today = clock_.Now();
  clock_.Set(rakor::testing::Jakarta(2026, 9, 1));
  ASSERT_THAT(ApplySeed(*scheduling_, *seeds), IsOk());
  clock_.Set(today);
  const std::string series = "regions/temanggung/series/rakor-kabupaten-bulanan";
  auto attend = [&](const std::string& occurrence, const std::string& unit, v1::Occurrence* out) {
    v1::RecordAttendanceRequest request;
    request.set_occurrence(occurrence);
    auto* a = request.add_attendance();
    a->set_unit(unit);
    a->set_status(v1::PRESENT_IN_PERSON);
    return scheduling_stub_->RecordAttendance(Ctx().get(), request, out);
  };
  auto accept = [&](const std::string& occurrence, v1::Occurrence* out) {
    v1::MarkMinutesAcceptedRequest request;
    request.set_occurrence(occurrence);
    request.set_minutes("regions/temanggung/documents/notulen-1");
    v1::FollowUp* open = request.add_open_follow_ups();
    open->set_what("Laporkan cakupan imunisasi");
    open->set_owner("regions/temanggung/units/dinas-kesehatan");
    open->set_due_date("2026-12-31");
    open->set_name("regions/temanggung/documents/notulen-1/followUps/1");
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "service");  // the reporting service
    return scheduling_stub_->MarkMinutesAccepted(&ctx, request, out);
  };
  const std::string sep = series + "/occurrences/20260907T090000";
  const std::string oct = series + "/occurrences/20261005T090000";
  const std::string dec = series + "/occurrences/20261207T090000";
  v1::Occurrence occurrence;
  EXPECT_THAT(accept(oct, &occurrence),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not held")));
  EXPECT_THAT(attend(dec, "regions/temanggung/units/bupati", &occurrence),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("has not begun")));
  EXPECT_THAT(attend(oct, "regions/banjar/units/wali-kota", &occurrence),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("attendance[0].unit")));
  EXPECT_THAT(attend(series + "/occurrences/20261006T090000", "regions/temanggung/units/bupati",
                     &occurrence),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("not a meeting of its series")));
  ASSERT_THAT(attend(sep, "regions/temanggung/units/bupati", &occurrence), IsOk());
  ASSERT_THAT(attend(oct, "regions/temanggung/units/bupati", &occurrence), IsOk());
  EXPECT_EQ(occurrence.status(), v1::HELD);
  v1::Occurrence first, again;
  ASSERT_THAT(accept(oct, &first), IsOk());
  clock_.Advance(absl::Hours(1));
  ASSERT_THAT(accept(oct, &again), IsOk());  // the reporting service retried
  EXPECT_EQ(again.minutes_accept_time().seconds(), first.minutes_accept_time().seconds());
  // A follow-up is marked done by the reporting service alone, of accepted minutes
  // that left it open.
  auto follow_up_done = [&](const std::string& occurrence, const std::string& follow_up,
                            const std::string& actor, v1::Occurrence* out) {
    v1::MarkFollowUpDoneRequest request;
    request.set_occurrence(occurrence);
    request.set_follow_up(follow_up);
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", actor);
    return scheduling_stub_->MarkFollowUpDone(&ctx, request, out);
  };
  const std::string follow_up = "regions/temanggung/documents/notulen-1/followUps/1";
  EXPECT_THAT(follow_up_done(sep, follow_up, "service", &occurrence),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not accepted")));
  EXPECT_THAT(follow_up_done(oct, "regions/temanggung/documents/notulen-1/followUps/2", "service",
                             &occurrence),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("followUps/2")));
  EXPECT_THAT(follow_up_done(oct, follow_up, "regions/temanggung/units/sekretariat-daerah#sekda",
                             &occurrence),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  v1::Occurrence done, done_again;
  ASSERT_THAT(follow_up_done(oct, follow_up, "service", &done), IsOk());
  ASSERT_EQ(done.follow_ups_size(), 1);
  EXPECT_TRUE(done.follow_ups(0).has_done_time());
  clock_.Advance(absl::Hours(1));
  ASSERT_THAT(follow_up_done(oct, follow_up, "service", &done_again), IsOk());  // retried
  EXPECT_EQ(done_again.follow_ups(0).done_time().seconds(),
            done.follow_ups(0).done_time().seconds());
  // Only a document of the meeting's region is minutes: an older reporting replica's
  // MarkFollowUpDone read as this request is refused, not recorded.
  v1::MarkMinutesAcceptedRequest misread;
  misread.set_occurrence(sep);
  misread.set_minutes(follow_up);
  grpc::ClientContext misread_ctx;
  misread_ctx.AddMetadata("rakor-actor", "service");
  EXPECT_THAT(scheduling_stub_->MarkMinutesAccepted(&misread_ctx, misread, &occurrence),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("minutes")));

  StopScheduling();
  OpenScheduling();  // all of it durable
  v1::Occurrence after_restart;
  ASSERT_THAT(GetOccurrence(oct, &after_restart), IsOk());
  ASSERT_EQ(after_restart.follow_ups_size(), 1);
  EXPECT_EQ(after_restart.follow_ups(0).done_time().seconds(),
            done.follow_ups(0).done_time().seconds());
  v1::GetComplianceRequest request;
  request.set_parent("regions/-");
  request.set_first_month("2026-09");
  request.set_last_month("2026-12");
  v1::ComplianceReport report;
  ASSERT_THAT(scheduling_stub_->GetCompliance(Ctx().get(), request, &report), IsOk());
  ASSERT_EQ(report.rules_size(), 2);  // Banjar's quarterly, Temanggung's monthly
  const v1::RuleCompliance& temanggung = report.rules(1);
  EXPECT_EQ(temanggung.rule().citation(), "Temanggung Pasal 18");
  std::vector<v1::ComplianceStatus> statuses;
  for (const auto& p : temanggung.periods()) statuses.push_back(p.status());
  // The clock stands at 23 November 2026.
  EXPECT_THAT(statuses,
              ElementsAre(v1::HELD_MINUTES_PENDING, v1::MET, v1::AT_RISK, v1::NOT_YET_DUE));
  EXPECT_THAT(temanggung.periods(1).occurrences(), ElementsAre(oct));
  // Kept from the day the seed added it (in the region's zone): the months before
  // are judged on evidence only, never as missed.
  EXPECT_EQ(temanggung.rule().start_date(), "2026-09-01");
  const v1::RuleCompliance& banjar = report.rules(0);
  ASSERT_EQ(banjar.periods_size(), 2);  // 2026-Q3, 2026-Q4
  // 6 October passed, not held; the quarter is still open for another meeting.
  EXPECT_EQ(banjar.periods(1).status(), v1::AT_RISK);
  EXPECT_FALSE(banjar.rule().assumption().empty());

  // Follow-ups recorded before they had names are found by their place in the minutes.
  v1::MarkMinutesAcceptedRequest unnamed;
  unnamed.set_occurrence(sep);
  unnamed.set_minutes("regions/temanggung/documents/notulen-september");
  unnamed.add_open_follow_ups()->set_what("Tinjau pasar");
  unnamed.add_open_follow_ups()->set_what("Laporkan stok beras");
  grpc::ClientContext unnamed_ctx;
  unnamed_ctx.AddMetadata("rakor-actor", "service");
  ASSERT_THAT(scheduling_stub_->MarkMinutesAccepted(&unnamed_ctx, unnamed, &occurrence), IsOk());
  ASSERT_THAT(follow_up_done(sep, "regions/temanggung/documents/notulen-september/followUps/2",
                             "service", &done),
              IsOk());
  ASSERT_EQ(done.follow_ups_size(), 2);
  EXPECT_FALSE(done.follow_ups(0).has_done_time());
  EXPECT_TRUE(done.follow_ups(1).has_done_time());
  EXPECT_THAT(follow_up_done(sep, "regions/temanggung/documents/notulen-september/followUps/3",
                             "service", &done),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

TEST_P(SchedulingService, ExceptionsMoveOrCancelOneOccurrenceAndLeaveTheSeries) {
  auto seeds = ReadSeedDirectory(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling");
  ASSERT_THAT(seeds, IsOk());
  ASSERT_THAT(ApplySeed(*scheduling_, *seeds), IsOk());
  const std::string series = "regions/temanggung/series/rakor-kabupaten-bulanan";
  const absl::TimeZone wib = [] {
    absl::TimeZone z;
    absl::LoadTimeZone("Asia/Jakarta", &z);
    return z;
  }();
  v1::RescheduleOccurrenceRequest move;
  move.set_occurrence(series + "/occurrences/20261207T090000");
  *move.mutable_start_time() =
      ToProto(absl::FromCivil(absl::CivilSecond(2026, 12, 9, 10, 0, 0), wib));
  move.set_place("Pendopo Pengayoman");
  move.set_reason("Bupati bertugas ke provinsi");
  v1::Occurrence moved;
  ASSERT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), move, &moved), IsOk());
  EXPECT_EQ(moved.start_display(), "2026-12-09 10:00 WIB");
  EXPECT_EQ(moved.original_start_local(), "2026-12-07T09:00:00");  // still its identity
  EXPECT_EQ(moved.sequence(), 1);
  EXPECT_EQ(moved.place(), "Pendopo Pengayoman");
  ASSERT_EQ(moved.reschedules_size(), 1);
  EXPECT_EQ(moved.reschedules(0).reason(), "Bupati bertugas ke provinsi");

  v1::RescheduleOccurrenceRequest too_far = move;
  *too_far.mutable_start_time() = ToProto(absl::FromCivil(absl::CivilDay(2027, 2, 1), wib));
  v1::Occurrence ignored;
  EXPECT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), too_far, &ignored),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("start_time")));

  v1::CancelOccurrenceRequest cancel;
  cancel.set_occurrence(series + "/occurrences/20270104T090000");
  cancel.set_reason("Digabung dengan rapat awal tahun");
  v1::Occurrence cancelled, again;
  ASSERT_THAT(scheduling_stub_->CancelOccurrence(Ctx().get(), cancel, &cancelled), IsOk());
  ASSERT_THAT(scheduling_stub_->CancelOccurrence(Ctx().get(), cancel, &again), IsOk());
  EXPECT_EQ(again.status(), v1::CANCELLED);
  EXPECT_EQ(again.sequence(), 1);  // cancelling again changed nothing

  StopScheduling();
  OpenScheduling();  // exceptions are durable
  const auto listed =
      List("regions/temanggung", absl::CivilDay(2026, 12, 1), absl::CivilDay(2027, 2, 1));
  ASSERT_EQ(listed.size(), 2u);  // December (moved) and January (cancelled, still listed)
  EXPECT_EQ(listed[0].start_display(), "2026-12-09 10:00 WIB");
  EXPECT_EQ(listed[1].status(), v1::CANCELLED);
  EXPECT_EQ(listed[1].cancel_reason(), "Digabung dengan rapat awal tahun");
  v1::GetSeriesRequest get;
  get.set_name(series);
  v1::Series unchanged;
  ASSERT_THAT(scheduling_stub_->GetSeries(Ctx().get(), get, &unchanged), IsOk());
  EXPECT_EQ(unchanged.etag(), "1");

  // A cancelled meeting counts for nothing; a held one is not moved.
  v1::GetComplianceRequest compliance;
  compliance.set_parent("regions/temanggung");
  compliance.set_first_month("2027-01");
  compliance.set_last_month("2027-01");
  v1::ComplianceReport report;
  ASSERT_THAT(scheduling_stub_->GetCompliance(Ctx().get(), compliance, &report), IsOk());
  ASSERT_EQ(report.rules_size(), 1);
  EXPECT_EQ(report.rules(0).periods(0).scheduled(), 0);
  v1::RecordAttendanceRequest attend;
  attend.set_occurrence(series + "/occurrences/20261005T090000");
  auto* a = attend.add_attendance();
  a->set_unit("regions/temanggung/units/bupati");
  a->set_status(v1::PRESENT_IN_PERSON);
  ASSERT_THAT(scheduling_stub_->RecordAttendance(Ctx().get(), attend, &ignored), IsOk());
  v1::RescheduleOccurrenceRequest rewrite = move;
  rewrite.set_occurrence(series + "/occurrences/20261005T090000");
  rewrite.clear_start_time();
  EXPECT_THAT(scheduling_stub_->RescheduleOccurrence(Ctx().get(), rewrite, &ignored),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("held")));
}

INSTANTIATE_TEST_SUITE_P(BothEngines, SchedulingService, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::scheduling
