// zlib comes from the zlib1g-dev package that every Debian-like system with a toolchain has;
// iconv is part of glibc.
#include <zlib.h>
#include <iconv.h>
