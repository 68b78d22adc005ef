// One attachment arriving in chunks: spooled to a temporary file while its SHA-256
// is computed, so that it is never held whole in memory, and checked against what
// its header declared (size, digest) and the service's size limit before it is
// stored.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "rakor/reporting/v1/reporting_service.pb.h"
#include "services/reporting/digest.h"

namespace rakor::reporting {

class AttachmentUpload {
 public:
  // `spool_dir`: where the temporary file goes; `max_bytes`: the size limit.
  AttachmentUpload(std::string spool_dir, int64_t max_bytes);
  ~AttachmentUpload();  // removes the temporary file

  // The first message. INVALID_ARGUMENT naming the field on a bad header.
  absl::Status Begin(const rakor::reporting::v1::UploadAttachmentRequest::Header& header);
  absl::Status Append(const std::string& chunk);
  // Everything arrived: the size and digest match the header.
  absl::Status Finish();

  const std::string& path() const { return path_; }
  const rakor::reporting::v1::UploadAttachmentRequest::Header& header() const { return header_; }
  bool begun() const { return file_ != nullptr; }

 private:
  std::string spool_dir_;
  int64_t max_bytes_;
  std::string path_;
  std::FILE* file_ = nullptr;
  int64_t received_ = 0;
  Sha256 hash_;
  rakor::reporting::v1::UploadAttachmentRequest::Header header_;
};

}  // namespace rakor::reporting
