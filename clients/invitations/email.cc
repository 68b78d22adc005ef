#include "clients/invitations/email.h"

#include <gmime/gmime.h>

#include <mutex>

namespace rakor::invitations {
namespace {

void InitGmimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// A part holding `bytes`, with a content type and a transfer encoding.
GMimePart* PartOf(const char* type, const char* subtype, const std::string& bytes,
                  GMimeContentEncoding encoding) {
  GMimePart* part = g_mime_part_new_with_type(type, subtype);
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeDataWrapper* content =
      g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content(part, content);
  g_mime_part_set_content_encoding(part, encoding);
  g_object_unref(content);
  g_object_unref(stream);
  return part;
}

// A header's text on one line: a title or a name is never a place for a new header.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  return text;
}

}  // namespace

std::string ComposeEmail(const Email& email) {
  InitGmimeOnce();
  GMimeMessage* message = g_mime_message_new(TRUE);
  g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_FROM, OneLine(email.from_name).c_str(),
                             email.from_address.c_str());
  g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_TO, OneLine(email.to_name).c_str(),
                             email.to_address.c_str());
  g_mime_message_set_subject(message, OneLine(email.subject).c_str(), "utf-8");
  g_mime_message_set_message_id(message, email.message_id.c_str());
  GDateTime* date = g_date_time_new_from_unix_utc(absl::ToUnixSeconds(email.date));
  g_mime_message_set_date(message, date);
  g_date_time_unref(date);

  // What mail clients show (the letter, or the calendar card) ...
  GMimeMultipart* alternative = g_mime_multipart_new_with_subtype("alternative");
  GMimePart* text = PartOf("text", "plain", email.text, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(text), "charset", "utf-8");
  g_mime_multipart_add(alternative, GMIME_OBJECT(text));
  GMimePart* calendar = PartOf("text", "calendar", email.ics, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(calendar), "charset", "utf-8");
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(calendar), "method", email.method.c_str());
  g_mime_multipart_add(alternative, GMIME_OBJECT(calendar));
  // ... and the .ics as a file, for clients that only import attachments.
  GMimeMultipart* mixed = g_mime_multipart_new_with_subtype("mixed");
  g_mime_multipart_add(mixed, GMIME_OBJECT(alternative));
  GMimePart* file = PartOf("application", "ics", email.ics, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_part_set_filename(file, "undangan.ics");
  g_mime_multipart_add(mixed, GMIME_OBJECT(file));
  g_mime_message_set_mime_part(message, GMIME_OBJECT(mixed));

  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* bytes = g_mime_object_to_string(GMIME_OBJECT(message), options);
  std::string out(bytes);
  g_free(bytes);
  g_mime_format_options_free(options);
  g_object_unref(text);
  g_object_unref(calendar);
  g_object_unref(file);
  g_object_unref(alternative);
  g_object_unref(mixed);
  g_object_unref(message);
  return out;
}

}  // namespace rakor::invitations
