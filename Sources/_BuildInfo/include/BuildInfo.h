// The version and commit `tthc --version` prints, compiled in from Package.swift (the one place
// the version is written). A C target because only C settings can carry a value into the build.
#ifndef TTHC_BUILD_INFO_H
#define TTHC_BUILD_INFO_H

/// The package version, such as "0.1.0".
const char *tthc_build_version(void);
/// The git commit the package was built from ("" without git metadata), with "-dirty" when the
/// work tree had uncommitted changes when the manifest was read.
const char *tthc_build_commit(void);

#endif
