"""Budget lines (예산 과목) and their spending (집행)."""
