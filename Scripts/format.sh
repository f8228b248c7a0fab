#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format (.swift-format at the root), then
# lints them strictly; `.ci/run` runs the lint (--check). The generated BuiltinProfiles.swift
# carries `// swift-format-ignore-file`, written by Datasets/profiles/embed.sh, so both steps leave
# it alone; the generated ShippedCalendars.swift is written lint-clean by its generator.
# Usage: Scripts/format.sh [--check]   (--check: lint only, exit 1 on findings)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
if [ "${1:-}" != "--check" ]; then
    swift format format --in-place --recursive "${paths[@]}"
fi
swift format lint --strict --recursive "${paths[@]}"
