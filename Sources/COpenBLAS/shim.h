#ifndef RESNET_LESSONS_COPENBLAS_SHIM_H
#define RESNET_LESSONS_COPENBLAS_SHIM_H
// Debian installs OpenBLAS's cblas.h under a multiarch, per-variant include directory that
// pkg-config supplies; nothing else is needed from it.
#include <cblas.h>
#endif
