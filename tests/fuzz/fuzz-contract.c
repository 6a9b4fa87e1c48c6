/* SPDX-License-Identifier: MIT */
/*
 * Fuzzes the contract reader: any input is applied over the built-in
 * contract; an accepted contract must print (contract show) and read back.
 */
#include <stdlib.h>
#include <string.h>

#include "contract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct contract *c = NULL, *c2 = NULL;
        struct diag_list d = DIAG_LIST_INIT;
        char *s = NULL;

        if (size > 4 * 1024 * 1024)
                return 0;
        if (contract_new_default(&c) < 0)
                return 0;
        if (contract_apply_file(c, "/fuzz/contract.conf", (const char *) data, size, &d) >= 0 &&
            contract_format(c, &s) >= 0 && contract_new_default(&c2) >= 0) {
                /* what show prints is a valid contract */
                if (contract_apply_file(c2, "shown", s, strlen(s), &d) < 0 && !d.oom)
                        abort();
        }
        free(s);
        contract_free(c2);
        contract_free(c);
        diag_list_release(&d);
        return 0;
}
