// The `rakor` subcommands: each asks the services and prints, and returns the exit
// code (0, or the failed call's gRPC status code).
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/rakor/session.h"

namespace rakor::cli {

// Every unit a ListUnits request finds, page after page.
grpc::Status ListEveryUnit(Session& s, rakor::registry::v1::ListUnitsRequest request,
                           std::vector<rakor::registry::v1::Unit>* units);
// The region's organisation as a tree, each unit with its Asisten, as of a date.
int PrintOrganisation(Session& s, const std::string& region, const std::string& as_of);
// The chain a unit reports through for a matter ("general" or "technical").
int PrintReportingChain(Session& s, const std::string& unit, const std::string& matter,
                        const std::string& as_of);
// The Asisten who coordinates `unit`, and the article.
int PrintCoordinator(Session& s, const std::string& unit, const std::string& as_of);
// How two units work together (the registry's relationship rules).
int PrintRelationship(Session& s, const std::string& a, const std::string& b,
                      const std::string& as_of);
// The meetings of a region (or "all") from `from` to `to` (YYYY-MM-DD, UTC days).
int PrintMeetings(Session& s, const std::string& region, const std::string& from,
                  const std::string& to);
// A meetings table's columns, and one meeting's row (with why it was moved, if it was).
std::vector<std::string> MeetingHeaders(const Session& s);
std::vector<std::string> MeetingRow(const Session& s, const rakor::scheduling::v1::Occurrence& o);
// Whether the required meetings were held, per rule and month.
int PrintCompliance(Session& s, const std::string& region, const std::string& first,
                    const std::string& last);
// The documents awaiting the caller's unit.
int PrintInbox(Session& s, const std::string& region);
// A document: its state, each step of its route (done when, by whom), why it was
// returned, and its follow-up actions with their names.
int PrintDocument(Session& s, const std::string& name);
// The audit trail of a document or of a region's reporting settings.
int PrintAuditTrail(Session& s, const std::string& name);
// Checks the whole hash-chained trail: 0 when intact, else DATA_LOSS (15) and where
// it breaks.
int VerifyAuditTrail(Session& s);
// Follow-up actions past due in a region, narrowed to an owner and/or an Asisten.
int PrintOverdueFollowUps(Session& s, const std::string& region, const std::string& owner,
                          const std::string& asisten);

// The invitation address of a unit, or of every unit of a region ("-" where none).
int PrintAddresses(Session& s, const std::string& name);
// Sets a unit's invitation address (as the region's administrator).
int SetAddress(Session& s, const std::string& unit, const std::string& email);
// Sets the addresses a file lists, one "UNIT,ADDRESS" per line ('#' comments):
// every line is checked before any is applied; a second run changes only what
// still differs.
int SetAddressesFromFile(Session& s, const std::string& file);

struct MeetingSpec {
  std::string title, chair, place, link, legal_basis, agenda;
  std::string start;  // the first meeting, local: 2026-12-14T09:00:00
  int minutes = 120;
  std::string rrule;  // periodic; empty for an incidental meeting, with `reason`
  std::string reason;
  std::string form = "rapat", mode = "in-person";
  std::vector<std::string> invite;
  bool refuse_conflicts = false;
};
// Creates a periodic (with an RRULE) or incidental meeting series.
int CreateMeeting(Session& s, const std::string& region, const std::string& id,
                  const MeetingSpec& spec);
// Records how `unit` attended (present, online, represented, excused, absent).
int RecordAttendance(Session& s, const std::string& occurrence, const std::string& unit,
                     const std::string& status, const std::string& representative);
// Submits minutes (with `occurrence`) or a report (with `matter`) whose first
// revision is the JSON file `file`.
int SubmitDocument(Session& s, const std::string& region, const std::string& id,
                   const std::string& unit, const std::string& occurrence,
                   const std::string& matter, const std::string& file);
// paraf, forward, return, accept or acknowledge `document` as the caller; on the
// document as read with `etag` where given.
int TakeStep(Session& s, const std::string& step, const std::string& document,
             const std::string& comment, const std::string& etag);
// The submitter's next revision of a returned document, from a JSON file.
int ResubmitDocument(Session& s, const std::string& document, const std::string& file,
                     const std::string& etag);
// Records a follow-up action as done, with what was done.
int CompleteFollowUp(Session& s, const std::string& follow_up, const std::string& note);
// A region's reporting settings; with `days` > 0, sets them first (with `source`).
int ReportingSettings(Session& s, const std::string& region, int days, const std::string& source);

// The occurrence's iCalendar invitation (REQUEST, or CANCEL once cancelled), with
// every invited unit's address, on stdout.
int PrintInvitation(Session& s, const std::string& occurrence);

struct SendOptions {
  std::string from;                                // the secretariat's sending address
  std::string smtp_url, smtp_user, smtp_password;  // empty url: into outbox_dir
  std::string outbox_dir, state_dir;
  std::string nomor, sifat = "Penting", city;
  int attempts = 4;
  absl::Duration first_backoff = absl::Seconds(1);
};
// E-mails the occurrence's invitation (or its cancellation) with the formal letter
// to every invited unit, resumably: a second run sends only what the first did not.
int SendInvitations(Session& s, const std::string& occurrence, const SendOptions& send);
// Records an invitee's answer, given directly or as an iCalendar REPLY file.
int RespondToInvitation(Session& s, const std::string& occurrence, const std::string& unit,
                        const std::string& answer, const std::string& deputy,
                        const std::string& deputy_email, const std::string& reply_file);

// Accepted minutes as a printable PDF at `out`.
int ExportMinutes(Session& s, const std::string& document, const std::string& out);

// "2026-01-05" -> a Timestamp at 00:00 UTC; false if it is not a date.
bool ParseDay(const std::string& text, google::protobuf::Timestamp* out);

// Copies the embedded server's databases in `data_dir` into the new directory `to`
// while the server runs (storage/sqlite/backup.h).
int BackupData(const std::string& data_dir, const std::string& to);
// Restores such a copy into `data_dir`, which must hold none of its databases.
int RestoreData(const std::string& from, const std::string& data_dir);

}  // namespace rakor::cli
