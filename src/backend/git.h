/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * git, as a child process: the files of a work tree. This directory is the
 * only place that runs other programs.
 */

/*
 * The files of the work tree at dir, as `git ls-files -z --cached --others
 * --exclude-standard` lists them (tracked and untracked, not ignored), or
 * with ignored set the ignored ones (`--others --ignored --exclude-standard
 * --directory`: an ignored directory is one entry ending in '/'),
 * NUL-separated, paths relative to dir, no quoting. git runs with every
 * GIT_* variable of our environment removed (a hook's GIT_DIR would point
 * it at another repository) and with safe.directory=* (goldctl runs as root
 * over a repository owned by the service user). Returns 0, or a negative
 * errno with a message saying why (git's exit status and its first line on
 * standard error; owned by the caller).
 */
int git_ls_files(const char *dir, bool ignored, char **ret, size_t *ret_size, char **ret_error);
