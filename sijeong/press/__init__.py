"""Press activity (언론): briefings, press conferences and interviews."""
