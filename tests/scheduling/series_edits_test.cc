// Tier 2: changing a series. What its meetings are changes with an etag and a field
// mask; when they are held changes only from one occurrence on ("this and
// following"), so that the past is never rewritten. Occurrences filter (AIP-160).
#include "tests/support/scheduling_server.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SeriesEdits : public SchedulingService {
 protected:
  static constexpr char kSeries[] = "regions/temanggung/series/rakor-kabupaten-bulanan";

  void SetUp() override {
    SchedulingService::SetUp();
    Seed();
  }

  static std::string Occurrence(const std::string& series, const std::string& original) {
    return series + "/occurrences/" + original;
  }

  grpc::Status Attend(const std::string& occurrence) {
    v1::RecordAttendanceRequest request;
    request.set_occurrence(occurrence);
    auto* a = request.add_attendance();
    a->set_unit("regions/temanggung/units/bupati");
    a->set_status(v1::PRESENT_IN_PERSON);
    v1::Occurrence ignored;
    return scheduling_stub_->RecordAttendance(Ctx().get(), request, &ignored);
  }

  grpc::Status Update(const v1::Series& patch, std::vector<std::string> paths, v1::Series* out) {
    v1::UpdateSeriesRequest request;
    *request.mutable_series() = patch;
    for (const auto& p : paths) request.mutable_update_mask()->add_paths(p);
    return scheduling_stub_->UpdateSeries(Ctx().get(), request, out);
  }

  std::vector<std::string> Shown(absl::CivilDay from, absl::CivilDay to) {
    std::vector<std::string> out;
    for (const auto& o : List("regions/temanggung", from, to)) {
      out.push_back(o.start_display() + " " + o.series().substr(o.series().rfind('/') + 1));
    }
    return out;
  }
};

TEST_P(SeriesEdits, AnUpdateChangesWhatTheMeetingsAreWithItsEtagAndRaisesTheirSequence) {
  v1::Series patch;
  patch.set_name(kSeries);
  patch.set_etag("1");
  patch.set_place("Pendopo Pengayoman");
  v1::Series updated;
  ASSERT_THAT(Update(patch, {"place"}, &updated), IsOk());
  EXPECT_EQ(updated.place(), "Pendopo Pengayoman");
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(updated.sequence(), 1);
  EXPECT_EQ(updated.title(), "Rapat Koordinasi Tingkat Kabupaten");  // not in the mask
  const auto december =
      List("regions/temanggung", absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31));
  ASSERT_EQ(december.size(), 1u);
  EXPECT_EQ(december[0].place(), "Pendopo Pengayoman");
  EXPECT_EQ(december[0].sequence(), 1);  // invitations will carry the change

  EXPECT_THAT(Update(patch, {"place"}, &updated),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));  // "1" is stale
  patch.set_etag("2");
  patch.set_rrule("FREQ=MONTHLY;BYDAY=2MO");
  EXPECT_THAT(Update(patch, {"rrule"}, &updated),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("SplitSeries")));
  patch.set_chair("regions/temanggung/units/nope");
  EXPECT_THAT(Update(patch, {"chair"}, &updated),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("series.chair")));
  v1::GetSeriesRequest get;
  get.set_name(kSeries);
  v1::Series now;
  ASSERT_THAT(scheduling_stub_->GetSeries(Ctx().get(), get, &now), IsOk());
  EXPECT_EQ(now.etag(), "2");  // the refused updates wrote nothing
}

TEST_P(SeriesEdits, ThisAndFollowingSplitsTheSeriesAndKeepsThePast) {
  ASSERT_THAT(Attend(Occurrence(kSeries, "20261005T090000")), IsOk());
  v1::SplitSeriesRequest split;
  split.set_occurrence(Occurrence(kSeries, "20261207T090000"));
  split.set_new_series_id("rakor-kabupaten-bulanan-2027");
  split.mutable_series()->set_start_local("2026-12-07T10:00:00");
  split.mutable_series()->set_place("Pendopo Pengayoman");
  split.mutable_update_mask()->add_paths("start_local");
  split.mutable_update_mask()->add_paths("place");
  split.set_request_id("9d0f5a52-6d1c-4b8e-9e55-3f0a1c2b7d11");
  v1::SplitSeriesResponse done, again;
  ASSERT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &done), IsOk());
  EXPECT_EQ(done.ended().end_before_local(), "2026-12-07T09:00:00");
  EXPECT_EQ(done.following().name(), "regions/temanggung/series/rakor-kabupaten-bulanan-2027");
  EXPECT_EQ(done.following().title(), "Rapat Koordinasi Tingkat Kabupaten");
  // A retry after a later update answers as the first time and undoes nothing.
  v1::Series patch;
  patch.set_name(done.following().name());
  patch.set_agenda("Evaluasi program prioritas");
  v1::Series updated;
  ASSERT_THAT(Update(patch, {"agenda"}, &updated), IsOk());
  ASSERT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &again), IsOk());
  EXPECT_THAT(again, rakor::testing::EqualsProto(done));
  v1::GetSeriesRequest get;
  get.set_name(done.following().name());
  v1::Series now;
  ASSERT_THAT(scheduling_stub_->GetSeries(Ctx().get(), get, &now), IsOk());
  EXPECT_EQ(now.agenda(), "Evaluasi program prioritas");
  EXPECT_EQ(now.etag(), updated.etag());

  StopScheduling();
  OpenScheduling();  // durable
  EXPECT_THAT(Shown(absl::CivilDay(2026, 10, 1), absl::CivilDay(2027, 2, 1)),
              ElementsAre("2026-10-05 09:00 WIB rakor-kabupaten-bulanan",
                          "2026-11-02 09:00 WIB rakor-kabupaten-bulanan",
                          "2026-12-07 10:00 WIB rakor-kabupaten-bulanan-2027",
                          "2027-01-04 10:00 WIB rakor-kabupaten-bulanan-2027"));
  const auto october =
      List("regions/temanggung", absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 10, 31));
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0].status(), v1::HELD);  // the past is as it was

  // Not at a meeting already held, nor at one of the ended part.
  split.set_request_id("");
  split.set_new_series_id("lagi");
  split.set_occurrence(Occurrence(kSeries, "20261005T090000"));
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &again),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("held")));
  split.set_occurrence(Occurrence(kSeries, "20270104T090000"));
  split.clear_update_mask();
  split.clear_series();
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &again),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("not a meeting of its series")));
}

TEST_P(SeriesEdits, ASplitThatWouldLeaveALaterMeetingsRecordBehindIsRefused) {
  v1::SplitSeriesRequest split;
  split.set_occurrence(Occurrence(kSeries, "20261207T090000"));
  split.set_new_series_id("baru");
  v1::SplitSeriesResponse done;
  // An answer to a later meeting...
  v1::RespondToInvitationRequest answer;
  answer.set_occurrence(Occurrence(kSeries, "20270201T090000"));
  answer.set_unit("regions/temanggung/units/dinas-kesehatan");
  answer.set_response(v1::ACCEPTED);
  v1::Occurrence ignored;
  ASSERT_THAT(scheduling_stub_->RespondToInvitation(Ctx().get(), answer, &ignored), IsOk());
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &done),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("after the split point")));
  // ...or a cancellation.
  split.set_occurrence(Occurrence(kSeries, "20270301T090000"));
  v1::CancelOccurrenceRequest cancel;
  cancel.set_occurrence(Occurrence(kSeries, "20270405T090000"));
  cancel.set_reason("Libur");
  ASSERT_THAT(scheduling_stub_->CancelOccurrence(Ctx().get(), cancel, &ignored), IsOk());
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &done),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("after the split point")));
  // A new start before the split point would hold meetings twice.
  split.set_occurrence(Occurrence(kSeries, "20270503T090000"));
  split.mutable_series()->set_start_local("2027-04-01T09:00:00");
  split.mutable_update_mask()->add_paths("start_local");
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &done),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.start_local")));
}

TEST_P(SeriesEdits, ASeriesCountedByCountIsNotSplit) {
  v1::Series counted;
  counted.set_title("Rapat Evaluasi Triwulan");
  counted.set_chair("regions/temanggung/units/sekretariat-daerah");
  counted.set_form(v1::RAPAT_KOORDINASI);
  counted.set_mode(v1::IN_PERSON);
  counted.set_place("Ruang Rapat Setda");
  counted.set_legal_basis("Temanggung Pasal 17 ayat (3)");
  counted.set_start_local("2027-01-12T13:00:00");
  counted.mutable_duration()->set_seconds(3600);
  counted.set_rrule("FREQ=MONTHLY;INTERVAL=3;COUNT=4");
  v1::Series created;
  ASSERT_THAT(Create("regions/temanggung", "evaluasi", counted, &created), IsOk());
  v1::SplitSeriesRequest split;
  split.set_occurrence("regions/temanggung/series/evaluasi/occurrences/20270412T130000");
  split.set_new_series_id("evaluasi-2");
  v1::SplitSeriesResponse done;
  EXPECT_THAT(scheduling_stub_->SplitSeries(Ctx().get(), split, &done),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("COUNT")));
}

TEST_P(SeriesEdits, AHeldMeetingKeepsItsChairWhenTheSeriesChangesLater) {
  ASSERT_THAT(Attend(Occurrence(kSeries, "20261005T090000")), IsOk());
  v1::Series patch;
  patch.set_name(kSeries);
  patch.set_chair("regions/temanggung/units/sekretariat-daerah");
  v1::Series updated;
  ASSERT_THAT(Update(patch, {"chair"}, &updated), IsOk());
  const auto listed =
      List("regions/temanggung", absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 12, 31));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].chair(), "regions/temanggung/units/bupati");  // held in October
  EXPECT_EQ(listed[1].chair(), "regions/temanggung/units/sekretariat-daerah");
  EXPECT_EQ(listed[2].chair(), "regions/temanggung/units/sekretariat-daerah");

  // An empty mask with a field of timing in the patch is refused, not ignored.
  v1::Series timing;
  timing.set_name(kSeries);
  timing.set_rrule("FREQ=WEEKLY");
  EXPECT_THAT(Update(timing, {}, &updated),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("rrule")));
}

TEST_P(SeriesEdits, OccurrencesFilterByStatusFormSeriesAndChair) {
  ASSERT_THAT(Attend(Occurrence(kSeries, "20261005T090000")), IsOk());
  v1::ListOccurrencesRequest request;
  request.set_parent("regions/-");
  *request.mutable_start_time() = ToProto(WibTime(2026, 1, 1, 0, 0));
  *request.mutable_end_time() = ToProto(WibTime(2027, 1, 1, 0, 0));
  request.set_filter("status = HELD AND form = RAPAT_KOORDINASI");
  v1::ListOccurrencesResponse page;
  ASSERT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page), IsOk());
  ASSERT_EQ(page.occurrences_size(), 1);
  EXPECT_EQ(page.occurrences(0).name(), Occurrence(kSeries, "20261005T090000"));
  request.set_filter("form = KONSULTASI");  // Banjar's quarterly consultation
  ASSERT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page), IsOk());
  EXPECT_EQ(page.occurrences_size(), 4);
  request.set_filter(R"(chair = "regions/temanggung/units/bupati")");
  ASSERT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page), IsOk());
  EXPECT_EQ(page.occurrences_size(), 12);
  request.set_filter("form = RAPAT");
  EXPECT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form")));
  request.set_filter("place = X");
  EXPECT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("place")));
}

INSTANTIATE_TEST_SUITE_P(BothEngines, SeriesEdits, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::scheduling
