// Without libFuzzer (the gcc build, CI): a deterministic run of the fuzz target on
// mutations of one valid request per RPC, each as every caller, so that every build
// exercises it.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"
#include "tests/fuzz/scheduling_handlers_fuzz.h"
#include "tests/fuzz/services_environment.h"
#include "tests/fuzz/smoke_run.h"

namespace rakor::scheduling::fuzz {
namespace {

namespace v1 = rakor::scheduling::v1;

using ::rakor::fuzz::Serialized;

// One valid request per RPC, in RAKOR_SCHEDULING_UNARY_RPCS order, on the seeded
// series (data/scheduling) as the clock stands, 23 November 2026 16:00 WIB. The
// inputs run in this order on one environment, so each seed keeps to what the
// earlier ones leave: the split is of the series created first, and the
// occurrences answered, moved, cancelled and held are different ones.
std::vector<std::string> Seeds() {
  return {
      // The second Wednesday of every month from 9 December 2026, 13:00 WIB.
      Serialized<v1::CreateSeriesRequest>(
          R"pb(parent: "regions/temanggung"
               series_id: "rakor-kesra-bulanan"
               request_id: "6b1e0f3a-5c2d-4e8f-9a7b-1d2c3e4f5a60"
               series {
                 title: "Rapat Koordinasi Pemerintahan dan Kesejahteraan Rakyat"
                 chair: "regions/temanggung/units/asisten-pemerintahan-kesra"
                 form: RAPAT_KOORDINASI
                 mode: HYBRID
                 place: "Ruang Rapat Asisten I"
                 link: "https://meet.temanggungkab.go.id/rakor-kesra"
                 legal_basis: "Temanggung Pasal 17 ayat (3)"
                 agenda: "Percepatan penurunan stunting"
                 start_local: "2026-12-09T13:00:00"
                 duration { seconds: 7200 }
                 rrule: "FREQ=MONTHLY;BYDAY=2WE"
                 day_off_policy: NEXT_WORKING_DAY
                 invitees { asisten: "regions/temanggung/units/asisten-pemerintahan-kesra" }
                 invitees { unit: "regions/temanggung/units/sekretariat-daerah" optional: true }
               })pb"),
      Serialized<v1::GetSeriesRequest>(
          R"(name: "regions/temanggung/series/rakor-kabupaten-bulanan")"),
      Serialized<v1::ListSeriesRequest>(R"(parent: "regions/-" page_size: 2)"),
      // Without an etag: it applies whatever earlier inputs changed.
      Serialized<v1::UpdateSeriesRequest>(
          R"(series { name: "regions/temanggung/series/rakor-kabupaten-bulanan"
                      agenda: "Evaluasi program prioritas daerah" }
             update_mask { paths: "agenda" })"),
      // The created series from January 2027 an hour later, elsewhere.
      Serialized<v1::SplitSeriesRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kesra-bulanan/occurrences/20270113T130000"
             new_series_id: "rakor-kesra-bulanan-2027"
             series { start_local: "2027-01-13T14:00:00" place: "Pendopo Pengayoman" }
             update_mask { paths: "start_local" paths: "place" }
             request_id: "0c4d2a6e-8f1b-4a3c-b5d7-9e2f4a6c8b10")"),
      // December 2026 in WIB.
      Serialized<v1::ListOccurrencesRequest>(
          R"(parent: "regions/temanggung" start_time { seconds: 1796058000 }
             end_time { seconds: 1798736400 } page_size: 5 filter: "form = RAPAT_KOORDINASI")"),
      Serialized<v1::GetOccurrenceRequest>(
          R"(name:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000")"),
      Serialized<v1::RespondToInvitationRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000"
             unit: "regions/temanggung/units/dinas-kesehatan" response: DELEGATED
             delegate_name: "dr. Sri Wahyuni" delegate_position: "Sekretaris Dinas Kesehatan"
             delegate_email: "sekretariat.dinkes@temanggungkab.go.id")"),
      Serialized<v1::IssueCheckInCodeRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000")"),
      // Two weeks early, and the code is not the one issued: refused, but after the
      // invitation is checked.
      Serialized<v1::CheckInRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000"
             unit: "regions/temanggung/units/dinas-kesehatan" code: "482913"
             status: PRESENT_ONLINE)"),
      // 90 minutes from Monday 30 November 2026, 08:00 WIB.
      Serialized<v1::FindFreeSlotsRequest>(
          R"(parent: "regions/temanggung" units: "regions/temanggung/units/sekretariat-daerah"
             units: "regions/temanggung/units/dinas-kesehatan" duration { seconds: 5400 }
             earliest_time { seconds: 1796000400 } max_slots: 3 search_days: 10)"),
      Serialized<v1::GetWorkingHoursRequest>(R"(name: "regions/temanggung/workingHours")"),
      Serialized<v1::UpdateWorkingHoursRequest>(
          R"(working_hours { name: "regions/temanggung/workingHours" start: "07:30" end: "15:30"
               friday_break_start: "11:00" friday_break_end: "13:00"
               source: "Surat Edaran Sekretaris Daerah tentang jam kerja" }
             update_mask { paths: "start" paths: "end" paths: "friday_break_start"
                           paths: "friday_break_end" paths: "source" })"),
      // One day off, a Thursday on which none of these meetings falls.
      Serialized<v1::ImportDaysOffRequest>(
          R"(parent: "regions/temanggung" source: "SKB 3 Menteri 2026"
             ics: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rakor//fuzz//ID\r\n"
                  "BEGIN:VEVENT\r\nUID:cuti-natal-2026@rakor\r\nDTSTART;VALUE=DATE:20261224\r\n"
                  "SUMMARY:Cuti Bersama Hari Raya Natal\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")"),
      Serialized<v1::ListDaysOffRequest>(
          R"(parent: "regions/temanggung" start_date: "2026-12-01" end_date: "2026-12-31")"),
      // January's meeting to Wednesday 6 January 2027, 10:00 WIB.
      Serialized<v1::RescheduleOccurrenceRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20270104T090000"
             start_time { seconds: 1799204400 } place: "Pendopo Pengayoman"
             reason: "Bupati bertugas ke provinsi")"),
      Serialized<v1::CancelOccurrenceRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20270201T090000"
             reason: "Digabung dengan rapat awal tahun")"),
      // November's meeting, past.
      Serialized<v1::RecordAttendanceRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261102T090000"
             attendance { unit: "regions/temanggung/units/bupati" status: PRESENT_IN_PERSON }
             attendance { unit: "regions/temanggung/units/dinas-kesehatan" status: REPRESENTED
                          representative: "dr. Sri Wahyuni"
                          representative_position: "Sekretaris Dinas Kesehatan" })"),
      // November's again, held by the input before; accepted 20 November, 10:00 WIB.
      Serialized<v1::MarkMinutesAcceptedRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261102T090000"
             minutes: "regions/temanggung/documents/notulen-rakor-november"
             accept_time { seconds: 1795143600 }
             open_follow_ups { what: "Laporkan cakupan imunisasi"
                               owner: "regions/temanggung/units/dinas-kesehatan"
                               due_date: "2026-12-31"
                               name: "regions/temanggung/documents/notulen-rakor-november/followUps/1" })"),
      Serialized<v1::MarkFollowUpDoneRequest>(
          R"(occurrence:
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261102T090000"
             follow_up: "regions/temanggung/documents/notulen-rakor-november/followUps/1"
             done_time { seconds: 1795748400 })"),
      Serialized<v1::GetComplianceRequest>(
          R"(parent: "regions/temanggung" first_month: "2026-01" last_month: "2026-12")"),
  };
}

TEST(SchedulingHandlersFuzz, SurvivesMutationsOfValidRequests) {
  const std::vector<std::string> seeds = Seeds();
  ASSERT_EQ(static_cast<int>(seeds.size()), RpcCount());
  // Under 200 inputs per RPC: the run is repeated under AddressSanitizer in CI.
  rakor::fuzz::RunSmoke(seeds, CallerCount(), 150, RunOne, rakor::fuzz::AddToCorpus);
}

}  // namespace
}  // namespace rakor::scheduling::fuzz
