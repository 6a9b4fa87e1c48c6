/* SPDX-License-Identifier: MIT */
#include "git.h"
#include "macro.h"
#include "process.h"

/* 256 MiB of names is far beyond any repository goldctl audits. */
#define GIT_LS_FILES_MAX ((size_t) 256 * 1024 * 1024)

int git_ls_files(const char *dir, bool ignored, char **ret, size_t *ret_size, char **ret_error) {
        static const char *const unset[] = { "GIT_", NULL };
        const char *argv[] = { "git", "-c", "safe.directory=*", "-C", dir, "-c", "core.quotePath=off",
                               "ls-files", "-z", "--others", "--exclude-standard",
                               ignored ? "--ignored" : "--cached", ignored ? "--directory" : NULL, NULL };

        return process_capture(argv, unset, GIT_LS_FILES_MAX, ret, ret_size, ret_error);
}
