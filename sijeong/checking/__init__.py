"""Checking the figures of any document (검산): tables read from text, and the arithmetic
their totals, rates, differences and dates must satisfy."""
