#ifndef CGLIBC_EXTENSIONS_H
#define CGLIBC_EXTENSIONS_H

#include <spawn.h>

// GNU extensions that glibc declares only under _GNU_SOURCE, which Swift's Glibc module is not
// built with. The functions themselves are in every glibc since 2.29.

extern int posix_spawn_file_actions_addchdir_np(
    posix_spawn_file_actions_t *__restrict actions, const char *__restrict path);

extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

// linux/fs.h: exchange the two paths atomically.
#define CGLIBC_RENAME_EXCHANGE (1 << 1)
// fcntl.h: paths relative to the working directory.
#define CGLIBC_AT_FDCWD (-100)

#endif
