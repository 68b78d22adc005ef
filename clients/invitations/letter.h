// The formal Indonesian letter of invitation (surat undangan rapat) that an
// invitation e-mail carries: nomor, sifat, lampiran and hal, then the day and date,
// the time with its zone, the place, the agenda and the chair, in the invitee's
// own zone (and the meeting's, when they differ). Plain text: what a secretariat
// would type, laid out for a fixed-width reader.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "clients/invitations/invitation.h"

namespace rakor::invitations {

struct LetterDetails {
  std::string letterhead;  // "PEMERINTAH KABUPATEN TEMANGGUNG\nSEKRETARIAT DAERAH"
  std::string nomor;       // the letter's number, e.g. "005/412/Setda/XI/2026"
  std::string sifat = "Penting";
  std::string lampiran = "1 (satu) berkas undangan kalender";
  std::string hal;          // default: "Undangan <title>"
  std::string city;         // where it is signed: "Temanggung"
  absl::CivilDay date;      // when it is signed
  std::string signatory;    // "a.n. BUPATI TEMANGGUNG\nSEKRETARIS DAERAH"
  std::string chair_title;  // who leads the meeting: "Sekretaris Daerah"
};

struct Recipient {
  std::string name;  // the invited unit, "Dinas Kesehatan"
  std::string email;
  std::string time_zone;  // the invitee's IANA zone (its region's)
};

// "Senin, 7 Desember 2026"
std::string IndonesianDate(absl::CivilDay day);

// The letter to `to` about `meeting` (whose time_zone is the meeting's zone).
// INVALID_ARGUMENT if a zone is unknown.
absl::StatusOr<std::string> InvitationLetter(const Meeting& meeting, const LetterDetails& details,
                                             const Recipient& to);

}  // namespace rakor::invitations
