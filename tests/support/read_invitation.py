"""Reads an invitation e-mail as a mail client would (Python's email package) and its
calendar part with the icalendar package (Debian: python3-icalendar), and prints
what a test checks, one "field: value" per line.

usage: read_invitation.py FILE.eml
"""
import email
import email.policy
import sys

import icalendar


def main():
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    print("subject:", message["subject"])
    print("to:", message["to"])
    print("message-id:", message["message-id"])
    letter = message.get_body(preferencelist=("plain",))
    for line in letter.get_content().splitlines():
        print("letter:", line)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            print("calendar-method-param:", part.get_param("method"))
            calendar = icalendar.Calendar.from_ical(part.get_content())
            print("method:", calendar["method"])
            for event in calendar.walk("VEVENT"):
                print("uid:", event["uid"])
                print("sequence:", event["sequence"])
                print("dtstart:", event["dtstart"].dt.isoformat(), event["dtstart"].params.get("TZID"))
                attendees = event.get("attendee", [])
                if not isinstance(attendees, list):
                    attendees = [attendees]
                for a in attendees:
                    print("attendee:", str(a), a.params.get("PARTSTAT"))
            print("vtimezone:", len(calendar.walk("VTIMEZONE")))
        if part.get_filename():
            print("attachment:", part.get_filename(), part.get_content_type())


if __name__ == "__main__":
    main()
