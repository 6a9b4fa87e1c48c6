/* SPDX-License-Identifier: MIT */
#pragma once

#include <sys/stat.h>
#include "macro.h"

/*
 * Reads a whole file into memory. The buffer is NUL-terminated (so text
 * parsers may use it as a string, and must use *ret_size for binary input)
 * and belongs to the caller. A file larger than max bytes is refused with
 * -EFBIG before more than max + 1 bytes are read. A directory gives -EISDIR.
 * If ret_st is not NULL it receives the fstat() of the opened file.
 */
int read_full_file(const char *path, size_t max, char **ret, size_t *ret_size, struct stat *ret_st);

/* Same, from an open file descriptor (not closed). */
int read_full_fd(int fd, size_t max, char **ret, size_t *ret_size);

/*
 * Writes a file so that it is never seen half-written and never lost: a
 * temporary file in the same directory, fsync(), rename() over the target,
 * fsync() of the directory. On any failure the temporary file is removed,
 * the target is left as it was, and *ret_step (if given) names the step
 * that failed ("create", "write", "fsync", "rename", "fsync-dir").
 */
int write_file_atomic(const char *path, const void *data, size_t size, mode_t mode, const char **ret_step);
