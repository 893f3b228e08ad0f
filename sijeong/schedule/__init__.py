"""The mayor's schedule (일정): events, domains, policy themes, agendas and messages."""
