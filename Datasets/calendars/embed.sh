#!/bin/sh
# Regenerates Sources/WorkingTime/ShippedCalendars.swift from the CSV files in this folder, so
# the installed tool works without the repository. The files are read by Ingest's one reader
# of data files (CalendarFileReader), inside the test that also checks the two stay identical.
cd "$(dirname "$0")/../.." || exit 1
TTHC_WRITE_SHIPPED_CALENDARS=1 swift test --filter ShippedCalendarsTests
