"""Pages for citizens, without an account (공개): the mayor's public schedule, finalised reports
and programme progress, and the open data behind them (issue 15)."""
