// rakor: the command-line client of a secretariat officer. Subcommands with --help
// each (CLI11); server addresses from flags or RAKOR_*_ADDR; aligned tables, or
// --json; Indonesian or English (--lang, default from LANG). The exit code is the
// failed call's gRPC status code (README, "The rakor command"); 64 for a usage error.
#include <cstdlib>
#include <iostream>

#include "CLI/CLI.hpp"
#include "clients/rakor/commands.h"

namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using rakor::cli::Lang;
  rakor::cli::Options options;
  options.registry_addr = EnvOr("RAKOR_REGISTRY_ADDR", "127.0.0.1:50051");
  options.scheduling_addr = EnvOr("RAKOR_SCHEDULING_ADDR", "127.0.0.1:50052");
  options.reporting_addr = EnvOr("RAKOR_REPORTING_ADDR", "127.0.0.1:50053");
  options.actor = EnvOr("RAKOR_ACTOR", "");
  options.lang = rakor::cli::LangFromEnvironment();
  std::string lang;

  CLI::App app{"rakor: rapat koordinasi pemerintah daerah / regional coordination meetings"};
  app.require_subcommand(1);
  // Given twice, the last address counts (a script may override a wrapper's).
  app.add_option("--registry", options.registry_addr, "registry HOST:PORT ($RAKOR_REGISTRY_ADDR)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--scheduling", options.scheduling_addr,
                 "scheduling HOST:PORT ($RAKOR_SCHEDULING_ADDR)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--reporting", options.reporting_addr,
                 "reporting HOST:PORT ($RAKOR_REPORTING_ADDR)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--as", options.actor,
                 "development mode: who is calling, UNIT#ROLE ($RAKOR_ACTOR)");
  options.tls_cert = EnvOr("RAKOR_TLS_CERT", "");
  options.tls_key = EnvOr("RAKOR_TLS_KEY", "");
  options.tls_ca = EnvOr("RAKOR_TLS_CA", "");
  app.add_option("--tls-cert", options.tls_cert,
                 "production: your certificate, which says who you are ($RAKOR_TLS_CERT)")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", options.tls_key, "its private key ($RAKOR_TLS_KEY)")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-ca", options.tls_ca, "the rakor certificate authority ($RAKOR_TLS_CA)")
      ->check(CLI::ExistingFile);
  app.add_flag("--json", options.json, "one JSON object per line instead of a table");
  app.add_option("--lang", lang, "id or en (default: from LANG)")
      ->check(CLI::IsMember({"id", "en"}));

  std::string region, unit, as_of, matter = "technical", from, to, first, last;
  auto* org = app.add_subcommand("org", "a region's organisation, each unit with its Asisten");
  org->add_option("region", region, "regions/{region}")->required();
  org->add_option("--as-of", as_of, "YYYY-MM-DD (default: today)");
  auto* chain = app.add_subcommand("chain", "the chain a unit reports through");
  chain->add_option("unit", unit, "regions/{region}/units/{unit}")->required();
  chain->add_option("--matter", matter, "general or technical")
      ->check(CLI::IsMember({"general", "technical"}));
  chain->add_option("--as-of", as_of, "YYYY-MM-DD (default: today)");
  auto* meetings = app.add_subcommand("meetings", "the meetings of a region in a date range");
  meetings->add_option("region", region, "regions/{region}, or all")->required();
  meetings->add_option("--from", from, "YYYY-MM-DD")->required();
  meetings->add_option("--to", to, "YYYY-MM-DD, not included")->required();
  auto* compliance = app.add_subcommand("compliance", "were the required meetings held?");
  compliance->add_option("region", region, "regions/{region}, or all")->required();
  compliance->add_option("--from", first, "first month, YYYY-MM")->required();
  compliance->add_option("--to", last, "last month, YYYY-MM")->required();
  std::string other;
  auto* coordinator = app.add_subcommand("coordinator", "the Asisten who coordinates a unit");
  coordinator->add_option("unit", unit, "regions/{region}/units/{unit}")->required();
  coordinator->add_option("--as-of", as_of, "YYYY-MM-DD (default: today)");
  auto* relation = app.add_subcommand("relation", "how two units work together");
  relation->add_option("unit", unit, "regions/{region}/units/{unit}")->required();
  relation->add_option("other", other, "regions/{region}/units/{unit}")->required();
  relation->add_option("--as-of", as_of, "YYYY-MM-DD (default: today)");
  std::string address_of, address, address_file;
  auto* addresses = app.add_subcommand(
      "address", "a unit's invitation address, or every unit's of a region; set one or a file");
  auto* address_name = addresses->add_option(
      "name", address_of, "regions/{region} (show all) or regions/{region}/units/{unit}");
  auto* address_value =
      addresses->add_option("address", address, "set it to this (\"\" clears it)");
  addresses->add_option("--file", address_file, "set many: one UNIT,ADDRESS per line")
      ->check(CLI::ExistingFile)
      ->excludes(address_name)
      ->excludes(address_value);
  rakor::cli::MeetingSpec spec;
  std::string series_id;
  auto* schedule = app.add_subcommand(
      "schedule", "create a periodic (--rrule) or incidental (--reason) meeting");
  schedule->add_option("region", region, "regions/{region}")->required();
  schedule->add_option("id", series_id, "the series' id, e.g. rakor-kesra-bulanan")->required();
  schedule->add_option("--title", spec.title, "what the meeting is called")->required();
  schedule->add_option("--chair", spec.chair, "the chairing unit")->required();
  schedule->add_option("--start", spec.start, "first meeting, local: 2026-12-14T09:00:00")
      ->required();
  schedule->add_option("--minutes", spec.minutes, "how long")->capture_default_str();
  schedule->add_option("--rrule", spec.rrule, "RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2MO");
  schedule->add_option("--reason", spec.reason, "why an incidental meeting is held");
  schedule->add_option("--basis", spec.legal_basis, "the article it fulfils")->required();
  schedule->add_option("--place", spec.place, "where");
  schedule->add_option("--link", spec.link, "the electronic meeting's address");
  schedule->add_option("--agenda", spec.agenda, "acara");
  schedule->add_option("--form", spec.form, "rapat, konsultasi or data")
      ->check(CLI::IsMember({"rapat", "konsultasi", "data"}))
      ->capture_default_str();
  schedule->add_option("--mode", spec.mode, "in-person, online or hybrid")
      ->check(CLI::IsMember({"in-person", "online", "hybrid"}))
      ->capture_default_str();
  schedule->add_option("--invite", spec.invite,
                       "unit:NAME, asisten:NAME, perangkat-daerah, kecamatan or forkopimda "
                       "(repeatable; append ,optional)");
  schedule->add_flag("--refuse-conflicts", spec.refuse_conflicts,
                     "refuse instead of warning when a meeting conflicts");
  auto* inbox = app.add_subcommand("inbox", "documents awaiting your unit (--as)");
  inbox->add_option("region", region, "regions/{region}")->required();

  std::string occurrence, status = "present", representative, id, file, document, comment;
  auto* attend = app.add_subcommand("attend", "record how a unit attended a meeting");
  attend->add_option("occurrence", occurrence, "regions/{r}/series/{s}/occurrences/{id}")
      ->required();
  attend->add_option("unit", unit, "regions/{region}/units/{unit}")->required();
  attend->add_option("--status", status, "present, online, represented, excused or absent")
      ->check(CLI::IsMember({"present", "online", "represented", "excused", "absent"}));
  attend->add_option("--by", representative, "who represented the unit");
  auto* submit = app.add_subcommand("submit", "submit minutes or a report from a JSON file");
  submit->add_option("region", region, "regions/{region}")->required();
  submit->add_option("id", id, "the document's id, e.g. notulen-2026-10")->required();
  submit->add_option("--unit", unit, "the submitting unit")->required();
  submit->add_option("--file", file, "the revision as JSON (title, summary, decisions, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  submit->add_option("--occurrence", occurrence, "for minutes: the meeting");
  submit->add_option("--matter", matter, "for a report: general or technical")
      ->check(CLI::IsMember({"general", "technical"}));
  auto* ics = app.add_subcommand("ics", "a meeting's iCalendar invitation (RFC 5546) on stdout");
  ics->add_option("occurrence", occurrence, "regions/{r}/series/{s}/occurrences/{id}")->required();
  rakor::cli::SendOptions send;
  // The password from the environment only: a flag would show in `ps`.
  send.smtp_password = EnvOr("RAKOR_SMTP_PASSWORD", "");
  send.state_dir = EnvOr("RAKOR_STATE_DIR", (EnvOr("HOME", ".") + "/.local/state/rakor").c_str());
  double backoff_seconds = 1;
  auto* invite = app.add_subcommand(
      "invite", "e-mail a meeting's invitation (or cancellation) with the formal letter");
  invite->add_option("occurrence", occurrence, "regions/{r}/series/{s}/occurrences/{id}")
      ->required();
  invite->add_option("--from", send.from, "the secretariat's sending address")->required();
  invite
      ->add_option("--smtp", send.smtp_url,
                   "smtp://HOST:PORT or smtps://HOST:PORT ($RAKOR_SMTP_URL); "
                   "without it, .eml files go into --outbox")
      ->envname("RAKOR_SMTP_URL");
  invite->add_option("--smtp-user", send.smtp_user, "($RAKOR_SMTP_USER)")
      ->envname("RAKOR_SMTP_USER");
  send.outbox_dir = "rakor-outbox";
  invite->add_option("--outbox", send.outbox_dir, "where .eml files go without --smtp")
      ->capture_default_str();
  invite
      ->add_option("--state", send.state_dir, "where sent messages are recorded ($RAKOR_STATE_DIR)")
      ->capture_default_str();
  invite->add_option("--nomor", send.nomor, "the letter's number, e.g. 005/412/Setda/XI/2026");
  invite->add_option("--sifat", send.sifat, "Biasa, Penting or Segera")->capture_default_str();
  invite->add_option("--city", send.city, "where the letter is signed, e.g. Temanggung");
  invite->add_option("--attempts", send.attempts, "tries per recipient in this run")
      ->capture_default_str()
      ->check(CLI::Range(1, 10));
  invite->add_option("--backoff", backoff_seconds, "seconds before the first retry, doubled")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 60.0));
  std::string answer, deputy, deputy_email, reply_file;
  auto* respond = app.add_subcommand(
      "respond", "record an invitee's answer, or an iCalendar REPLY (--reply FILE.ics)");
  respond->add_option("occurrence", occurrence, "regions/{r}/series/{s}/occurrences/{id}");
  respond->add_option("unit", unit, "the invited unit answering");
  respond->add_option("--answer", answer, "accept, decline, tentative or delegate")
      ->check(CLI::IsMember({"accept", "decline", "tentative", "delegate"}));
  respond->add_option("--deputy", deputy, "for delegate: who goes instead");
  respond->add_option("--deputy-email", deputy_email, "for delegate: the deputy's address");
  respond->add_option("--reply", reply_file, "an iCalendar REPLY from a calendar client")
      ->check(CLI::ExistingFile);
  auto* minutes = app.add_subcommand("minutes", "accepted minutes (notulen)");
  minutes->require_subcommand(1);
  std::string pdf = "notulen.pdf";
  auto* export_minutes = minutes->add_subcommand("export", "print accepted minutes as a PDF");
  export_minutes->add_option("document", document, "regions/{region}/documents/{document}")
      ->required();
  export_minutes->add_option("--out", pdf, "the PDF file to write")->capture_default_str();
  std::string data_dir, backup_dir;
  auto* backup = app.add_subcommand(
      "backup", "copy the embedded server's databases, online, into a new directory");
  backup->add_option("--data_dir", data_dir, "the server's --data_dir")->required();
  backup->add_option("--to", backup_dir, "the new directory of the copy")->required();
  auto* restore = app.add_subcommand(
      "restore", "restore a backup into a fresh data directory, before the server starts");
  restore->add_option("--from", backup_dir, "a directory made by rakor backup")
      ->required()
      ->check(CLI::ExistingDirectory);
  restore->add_option("--data_dir", data_dir, "the server's --data_dir, without databases")
      ->required();
  std::string etag, note, follow_up;
  auto* show = app.add_subcommand(
      "document", "a document: its route, who did each step and when, why it was returned");
  show->add_option("document", document, "regions/{region}/documents/{document}")->required();
  std::vector<CLI::App*> steps;
  for (const char* step : {"paraf", "forward", "return", "accept", "acknowledge", "withdraw"}) {
    auto* cmd = app.add_subcommand(step, std::string(step) + " a document, as the caller (--as)");
    cmd->add_option("document", document, "regions/{region}/documents/{document}")->required();
    cmd->add_option("--comment", comment, "why (required to return and to withdraw)");
    cmd->add_option("--etag", etag, "the etag you read it at (rakor document): refused if changed");
    steps.push_back(cmd);
  }
  auto* resubmit = app.add_subcommand(
      "resubmit", "the next revision of a returned document, from a JSON file (as submit)");
  resubmit->add_option("document", document, "regions/{region}/documents/{document}")->required();
  resubmit->add_option("--file", file, "the revision as JSON (title, summary, decisions, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  resubmit->add_option("--etag", etag, "the etag you read it at: refused if changed");
  auto* complete = app.add_subcommand(
      "complete", "record a follow-up action (tindak lanjut) as done, with what was done");
  complete->add_option("follow_up", follow_up, "regions/{r}/documents/{d}/followUps/{n}")
      ->required();
  complete->add_option("--note", note, "what was done")->required();
  auto* audit = app.add_subcommand(
      "audit", "who did what to a document or a region's reporting settings, or --verify all");
  auto* audit_name = audit->add_option(
      "name", document, "regions/{r}/documents/{d} or regions/{r}/reportingSettings");
  bool verify = false;
  audit->add_flag("--verify", verify, "check the whole hash-chained trail (exit 15 if broken)")
      ->excludes(audit_name);
  std::string owner, asisten;
  auto* overdue = app.add_subcommand("overdue", "follow-up actions past their due date");
  overdue->add_option("region", region, "regions/{region}")->required();
  overdue->add_option("--owner", owner, "only this unit's");
  overdue->add_option("--asisten", asisten, "only those of units this Asisten follows");
  int days = 0;
  std::string source;
  auto* settings = app.add_subcommand(
      "settings", "a region's reporting settings; with --days, set them (the Sekda or admin)");
  settings->add_option("region", region, "regions/{region}")->required();
  auto* days_option = settings->add_option("--days", days, "working days before a step is overdue")
                          ->check(CLI::Range(1, 30));
  settings->add_option("--source", source, "where the number comes from")->needs(days_option);
  days_option->needs(settings->get_option("--source"));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 64;
  }
  // On files, not through the services: no transport needed.
  if (*backup) return rakor::cli::BackupData(data_dir, backup_dir);
  if (*restore) return rakor::cli::RestoreData(backup_dir, data_dir);
  if (!lang.empty()) options.lang = lang == "id" ? Lang::kIndonesian : Lang::kEnglish;
  const absl::StatusOr<rakor::Transport> transport = rakor::cli::TransportOf(options);
  if (!transport.ok()) {
    std::cerr << "rakor: " << transport.status().message() << "\n";
    return 64;
  }
  rakor::cli::Session session(options, *transport);
  if (*org) return rakor::cli::PrintOrganisation(session, region, as_of);
  if (*chain) return rakor::cli::PrintReportingChain(session, unit, matter, as_of);
  if (*meetings) return rakor::cli::PrintMeetings(session, region, from, to);
  if (*compliance) return rakor::cli::PrintCompliance(session, region, first, last);
  if (*inbox) return rakor::cli::PrintInbox(session, region);
  if (*coordinator) return rakor::cli::PrintCoordinator(session, unit, as_of);
  if (*relation) return rakor::cli::PrintRelationship(session, unit, other, as_of);
  if (*addresses) {
    if (!address_file.empty()) return rakor::cli::SetAddressesFromFile(session, address_file);
    if (address_of.empty()) {
      std::cerr << "rakor address: "
                << session.Say("sebutkan unit atau region, atau --file",
                               "name a unit or a region, or --file")
                << "\n";
      return 64;
    }
    if (address_value->count() > 0) return rakor::cli::SetAddress(session, address_of, address);
    return rakor::cli::PrintAddresses(session, address_of);
  }
  if (*schedule) return rakor::cli::CreateMeeting(session, region, series_id, spec);
  if (*attend) {
    return rakor::cli::RecordAttendance(session, occurrence, unit, status, representative);
  }
  if (*submit) {
    return rakor::cli::SubmitDocument(session, region, id, unit, occurrence, matter, file);
  }
  if (*ics) return rakor::cli::PrintInvitation(session, occurrence);
  if (*export_minutes) return rakor::cli::ExportMinutes(session, document, pdf);
  if (*invite) {
    send.first_backoff = absl::Seconds(backoff_seconds);
    return rakor::cli::SendInvitations(session, occurrence, send);
  }
  if (*respond) {
    return rakor::cli::RespondToInvitation(session, occurrence, unit, answer, deputy, deputy_email,
                                           reply_file);
  }
  if (*show) return rakor::cli::PrintDocument(session, document);
  if (*resubmit) return rakor::cli::ResubmitDocument(session, document, file, etag);
  if (*complete) return rakor::cli::CompleteFollowUp(session, follow_up, note);
  if (*audit) {
    if (verify) return rakor::cli::VerifyAuditTrail(session);
    if (document.empty()) {
      std::cerr << "rakor audit: "
                << session.Say("sebutkan dokumen atau pengaturan, atau --verify",
                               "name a document or settings, or --verify")
                << "\n";
      return 64;
    }
    return rakor::cli::PrintAuditTrail(session, document);
  }
  if (*overdue) return rakor::cli::PrintOverdueFollowUps(session, region, owner, asisten);
  if (*settings) return rakor::cli::ReportingSettings(session, region, days, source);
  for (CLI::App* step : steps) {
    if (*step) return rakor::cli::TakeStep(session, step->get_name(), document, comment, etag);
  }
  return 64;
}
