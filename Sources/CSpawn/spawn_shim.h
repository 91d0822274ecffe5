#ifndef CSPAWN_SPAWN_SHIM_H
#define CSPAWN_SPAWN_SHIM_H

#include <spawn.h>

// glibc (2.29 and later) declares this GNU extension only under _GNU_SOURCE, which Swift's Glibc
// module is not built with; the function itself is in every such libc.
extern int posix_spawn_file_actions_addchdir_np(
    posix_spawn_file_actions_t *__restrict actions, const char *__restrict path);

#endif
