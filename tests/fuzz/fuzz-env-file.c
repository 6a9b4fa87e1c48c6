/* SPDX-License-Identifier: MIT */
/* Fuzzes the environment-file parser, in both systemd versions' modes. */
#include "env-file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct env_file f;

        if (size > 4 * 1024 * 1024)
                return 0;
        if (env_file_parse("/fuzz/env", (const char *) data, size, size % 2 ? ENV_FILE_V254 : 0, &f) >= 0)
                env_file_release(&f);
        return 0;
}
