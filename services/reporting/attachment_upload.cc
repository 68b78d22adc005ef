#include "services/reporting/attachment_upload.h"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/reporting/errors.h"
#include "services/reporting/names.h"

namespace rakor::reporting {

AttachmentUpload::AttachmentUpload(std::string spool_dir, int64_t max_bytes)
    : spool_dir_(std::move(spool_dir)), max_bytes_(max_bytes) {}

AttachmentUpload::~AttachmentUpload() {
  if (file_ != nullptr) std::fclose(file_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

absl::Status AttachmentUpload::Begin(const v1::UploadAttachmentRequest::Header& header) {
  if (!IsSha256Hex(header.sha256())) {
    return errors::InvalidField("header.sha256", "must be 64 lower-case hex digits");
  }
  if (header.size_bytes() <= 0)
    return errors::InvalidField("header.size_bytes", "must be positive");
  if (header.size_bytes() > max_bytes_) {
    return errors::InvalidField("header.size_bytes",
                                absl::StrCat("must be at most ", max_bytes_, " bytes"));
  }
  if (header.content_type().empty() || header.content_type().size() > 255 ||
      header.content_type().find('/') == std::string::npos) {
    return errors::InvalidField("header.content_type", "must be a media type, as application/pdf");
  }
  std::vector<char> name(spool_dir_.begin(), spool_dir_.end());
  for (char c : std::string("/rakor-upload-XXXXXX")) name.push_back(c);
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return absl::InternalError(absl::StrCat("cannot spool an upload in ", spool_dir_));
  path_ = name.data();
  file_ = ::fdopen(fd, "wb");
  header_ = header;
  return absl::OkStatus();
}

absl::Status AttachmentUpload::Append(const std::string& chunk) {
  received_ += static_cast<int64_t>(chunk.size());
  if (received_ > header_.size_bytes()) {
    return errors::AttachmentMismatch(
        "chunk", absl::StrCat("more bytes arrived than header.size_bytes, ", header_.size_bytes()));
  }
  hash_.Update(chunk);
  if (std::fwrite(chunk.data(), 1, chunk.size(), file_) != chunk.size()) {
    return absl::InternalError("cannot spool an upload: the disk is full?");
  }
  return absl::OkStatus();
}

absl::Status AttachmentUpload::Finish() {
  if (std::fflush(file_) != 0) return absl::InternalError("cannot spool an upload");
  if (received_ != header_.size_bytes()) {
    return errors::AttachmentMismatch(
        "header.size_bytes",
        absl::StrCat(received_, " bytes arrived, not the ", header_.size_bytes(), " declared"));
  }
  if (hash_.HexDigest() != header_.sha256()) {
    return errors::AttachmentMismatch("header.sha256",
                                      "the bytes that arrived have another SHA-256");
  }
  return absl::OkStatus();
}

}  // namespace rakor::reporting
