// `rakor address`: the units' invitation addresses (Unit.contact_email), which the
// regulations do not give and every region must fill in before `rakor invite` can
// send: shown for a unit or a whole region, set one at a time or from a file.
#include <fstream>
#include <iostream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/rakor/commands.h"
#include "common/email_address.h"

namespace rakor::cli {
namespace {

namespace rv1 = rakor::registry::v1;

// A stale etag means someone changed the unit between our read and our write; the
// address is one field of it, so reading again and writing again is safe.
constexpr int kAttempts = 3;

bool IsUnitName(const std::string& name) { return absl::StrContains(name, "/units/"); }

grpc::Status Read(Session& s, const std::string& unit, rv1::Unit* out) {
  rv1::GetUnitRequest get;
  get.set_name(unit);
  return s.registry().GetUnit(s.Context().get(), get, out);
}

// Sets the address of `current.name()` (as read) with its etag, reading it again
// if someone wrote it meanwhile; `*changed` says whether it was different.
grpc::Status Set(Session& s, rv1::Unit current, const std::string& email, bool* changed) {
  grpc::Status status;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0 && !(status = Read(s, current.name(), &current)).ok()) return status;
    *changed = current.contact_email() != email;
    if (!*changed) return grpc::Status::OK;
    rv1::UpdateUnitRequest update;
    update.mutable_unit()->set_name(current.name());
    update.mutable_unit()->set_contact_email(email);
    update.mutable_unit()->set_etag(current.etag());
    update.mutable_update_mask()->add_paths("contact_email");
    rv1::Unit updated;
    status = s.registry().UpdateUnit(s.Context().get(), update, &updated);
    if (status.error_code() != grpc::StatusCode::ABORTED) return status;
  }
  return status;
}

struct Line {
  int number;
  std::string unit, email;
  rv1::Unit current;  // as read when the file was checked
};

}  // namespace

int PrintAddresses(Session& s, const std::string& name) {
  std::vector<rv1::Unit> units;
  if (IsUnitName(name)) {
    rv1::Unit unit;
    if (const grpc::Status status = Read(s, name, &unit); !status.ok()) return Fail(s, status);
    units.push_back(unit);
  } else {
    rv1::ListUnitsRequest request;
    request.set_parent(name);
    if (const grpc::Status status = ListEveryUnit(s, request, &units); !status.ok()) {
      return Fail(s, status);
    }
  }
  Table table({s.Say("unit", "unit"), s.Say("alamat", "address"), s.Say("nama", "name")});
  for (const rv1::Unit& u : units) {
    table.Add({u.display_name(), u.contact_email().empty() ? "-" : u.contact_email(), u.name()});
  }
  table.Print(s.options().json);
  return 0;
}

int SetAddress(Session& s, const std::string& unit, const std::string& email) {
  if (!IsUnitName(unit)) {
    std::cerr << "rakor: "
              << s.Say("alamat diisi per unit: regions/{region}/units/{unit}",
                       "an address belongs to a unit: regions/{region}/units/{unit}")
              << "\n";
    return 64;
  }
  rv1::Unit current;
  bool changed = false;
  grpc::Status status = Read(s, unit, &current);
  if (status.ok()) status = Set(s, current, email, &changed);
  if (!status.ok()) return Fail(s, status);
  Table table({s.Say("unit", "unit"), s.Say("alamat", "address"), s.Say("hasil", "result")});
  table.Add({unit, email, changed ? s.Say("diubah", "set") : s.Say("tetap", "unchanged")});
  table.Print(s.options().json);
  return 0;
}

int SetAddressesFromFile(Session& s, const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    std::cerr << "rakor: " << file << ": " << s.Say("tidak dapat dibaca", "cannot be read") << "\n";
    return 64;
  }
  // Every line is read and checked before any is applied, so that a typo changes
  // nothing.
  std::vector<Line> lines;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    const absl::string_view line = absl::StripAsciiWhitespace(text);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    std::vector<std::string> fields = absl::StrSplit(line, absl::MaxSplits(',', 1));
    if (fields.size() != 2 || !IsUnitName(std::string(absl::StripAsciiWhitespace(fields[0])))) {
      std::cerr << "rakor: " << file << ":" << number << ": "
                << s.Say("setiap baris: regions/{region}/units/{unit},alamat",
                         "each line: regions/{region}/units/{unit},address")
                << "\n";
      return 64;
    }
    lines.push_back({number, std::string(absl::StripAsciiWhitespace(fields[0])),
                     std::string(absl::StripAsciiWhitespace(fields[1])), rv1::Unit()});
  }
  // Every unit must exist and every address pass the registry's own rule, or
  // nothing is applied.
  Table refused({s.Say("baris", "line"), s.Say("unit", "unit"), s.Say("alamat", "address"),
                 s.Say("masalah", "problem")});
  int code = 0;
  for (Line& line : lines) {
    std::string problem;
    if (!line.email.empty() && !LooksLikeEmail(line.email)) {
      problem = s.Say("bukan alamat e-mail (nama@domain)", "not an e-mail address (name@domain)");
      if (code == 0) code = static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
    } else {
      const grpc::Status status = Read(s, line.unit, &line.current);
      if (!status.ok()) {
        problem = status.error_message();
        if (code == 0) code = static_cast<int>(status.error_code());
      }
    }
    if (!problem.empty()) refused.Add({absl::StrCat(line.number), line.unit, line.email, problem});
  }
  if (code != 0) {
    refused.Print(s.options().json);
    std::cerr << "rakor: " << s.Say("tidak ada yang diubah", "nothing was changed") << "\n";
    return code;
  }
  // Then each in turn. One the registry still refuses (the caller may not write
  // that region) is reported and the rest go on; a second run changes only what
  // is still different.
  Table table({s.Say("baris", "line"), s.Say("unit", "unit"), s.Say("alamat", "address"),
               s.Say("hasil", "result")});
  for (const Line& line : lines) {
    bool changed = false;
    const grpc::Status status = Set(s, line.current, line.email, &changed);
    std::string result = changed ? s.Say("diubah", "set") : s.Say("tetap", "unchanged");
    if (!status.ok()) {
      result = status.error_message();
      if (code == 0) code = static_cast<int>(status.error_code());
    }
    table.Add({absl::StrCat(line.number), line.unit, line.email, result});
  }
  table.Print(s.options().json);
  return code;
}

}  // namespace rakor::cli
