/* SPDX-License-Identifier: MIT */
/*
 * Fuzzes the contract reader: any input is applied over the built-in
 * contract; an accepted contract must print (contract show), and what it
 * prints must read back to a contract that prints the same (from the first
 * section on: the header names the files read).
 */
#include <stdlib.h>
#include <string.h>

#include "contract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct contract *c = NULL, *c2 = NULL;
        struct diag_list d = DIAG_LIST_INIT;
        char *s = NULL, *s2 = NULL;

        if (size > 4 * 1024 * 1024)
                return 0;
        if (contract_new_default(&c) < 0)
                return 0;
        if (contract_apply_file(c, "/fuzz/contract.conf", (const char *) data, size, &d) >= 0 &&
            contract_format(c, &s) >= 0 && contract_new_default(&c2) >= 0) {
                /* what show prints is a valid contract, and the same one */
                if (contract_apply_file(c2, "shown", s, strlen(s), &d) < 0) {
                        if (!d.oom)
                                abort();
                } else if (contract_format(c2, &s2) >= 0) {
                        const char *a = strstr(s, "\n[Contract]"), *b = strstr(s2, "\n[Contract]");
                        if (!a || !b || strcmp(a, b) != 0)
                                abort();
                }
        }
        free(s);
        free(s2);
        contract_free(c2);
        contract_free(c);
        diag_list_release(&d);
        return 0;
}
