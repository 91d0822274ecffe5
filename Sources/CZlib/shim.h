#ifndef RESNET_LESSONS_CZLIB_SHIM_H
#define RESNET_LESSONS_CZLIB_SHIM_H
#include <zlib.h>
#endif
