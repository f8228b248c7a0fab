#include "BuildInfo.h"

#ifndef TTHC_VERSION
#define TTHC_VERSION "unknown"
#endif
#ifndef TTHC_COMMIT
#define TTHC_COMMIT ""
#endif

const char *tthc_build_version(void) { return TTHC_VERSION; }
const char *tthc_build_commit(void) { return TTHC_COMMIT; }
