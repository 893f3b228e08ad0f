"""Calendar feeds (iCalendar, RFC 5545): the public schedule, and a private feed per user
behind a secret, revocable token (issue 15)."""
