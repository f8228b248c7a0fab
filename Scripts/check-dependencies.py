#!/usr/bin/env python3
"""Checks that Package.swift declares exactly the modules each target imports: no missing and no
unused dependency. Run from the package root: python3 Scripts/check-dependencies.py"""
import glob, os, re, subprocess, sys, json

# The toolchain's own modules. `_Builtin_intrinsics` is the compiler's (clang's) header module for
# processor instructions (`Ingest/LaneBits.swift`, `Ingest/Fingerprint.swift`): nothing is linked.
SYSTEM = {"Foundation", "FoundationXML", "Dispatch", "Synchronization", "Glibc", "Darwin", "Testing", "XCTest",
          "_Builtin_intrinsics"}
desc = json.loads(subprocess.run(["swift", "package", "dump-package"], capture_output=True, text=True, check=True).stdout)
failed = False
for target in desc["targets"]:
    name = target["name"]
    path = target.get("path") or (("Tests/" if target["type"] == "test" else "Sources/") + name)
    declared = set()
    for dep in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dep:
                declared.add(dep[kind][0])
    imported = set()
    for file in glob.glob(os.path.join(path, "**", "*.swift"), recursive=True):
        for line in open(file, encoding="utf-8"):
            m = re.match(r"\s*(?:@_exported\s+|@testable\s+)?import\s+(\w+)", line)
            if m and m.group(1) not in SYSTEM:
                imported.add(m.group(1))
    missing, unused = imported - declared, declared - imported
    if missing or unused:
        failed = True
        print(f"{name}: " + "; ".join(
            ([f"imports undeclared {sorted(missing)}"] if missing else []) + ([f"declares unused {sorted(unused)}"] if unused else [])))
sys.exit(1 if failed else 0)
