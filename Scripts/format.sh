#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format (.swift-format at the root), then
# lints them strictly. Generated data files (embedded calendars and profiles) are left alone.
# Usage: Scripts/format.sh [--check]   (--check: lint only, exit 1 on findings)
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'Sources/*.swift' 'Tests/*.swift' 'Package.swift' \
    | grep -v -e 'Sources/WorkingTime/ShippedCalendars.swift' -e 'Sources/Targets/BuiltinProfiles.swift')
if [ "${1:-}" != "--check" ]; then
    swift format -i $files
fi
swift format lint --strict $files
