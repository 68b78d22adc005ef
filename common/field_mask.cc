#include "common/field_mask.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/text.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/field_mask_util.h"

namespace rakor {

using google::protobuf::FieldDescriptor;
using google::protobuf::util::FieldMaskUtil;

absl::Status ApplyFieldMask(absl::string_view domain, const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::set<std::string>& mutable_fields,
                            google::protobuf::Message* target) {
  google::protobuf::FieldMask effective;
  if (mask.paths_size() == 0) {
    std::vector<const FieldDescriptor*> populated;
    patch.GetReflection()->ListFields(patch, &populated);
    for (const FieldDescriptor* field : populated) {
      if (mutable_fields.contains(field->name())) effective.add_paths(field->name());
    }
  } else if (mask.paths_size() == 1 && mask.paths(0) == "*") {
    for (const std::string& field : mutable_fields) effective.add_paths(field);
  } else {
    for (const std::string& path : mask.paths()) {
      if (patch.GetDescriptor()->FindFieldByName(path) == nullptr) {
        return errors::InvalidUpdateMask(
            domain, absl::StrCat(Quote(path), " is not a field of ",
                                 patch.GetDescriptor()->name()));
      }
      if (!mutable_fields.contains(path)) {
        return errors::InvalidUpdateMask(domain,
                                         absl::StrCat(Quote(path), " cannot be updated"));
      }
      effective.add_paths(path);
    }
  }
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(patch, effective, options, target);
  return absl::OkStatus();
}

}  // namespace rakor
