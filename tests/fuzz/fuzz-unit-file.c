/* SPDX-License-Identifier: MIT */
/* Fuzzes the unit-file parser: syntax, every modelled setting's value
 * parser, word splitting and specifiers. The input is a unit file. */
#include "load-fragment.h"
#include "syntax.h"
#include "unit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const char *const names[] = { "fuzz.service", "fuzz@inst.socket", "a-b.timer", "x.mount" };
        struct unit *u;
        struct diag_list diags = DIAG_LIST_INIT;
        struct fragment_parse fp;
        struct syntax_options o = { .lint = true, .fatal_effect = DIAG_EFFECT_REFUSED };

        if (size > 4 * 1024 * 1024)
                return 0;
        u = unit_new(names[size % 4]);
        if (!u)
                return 0;
        fp = (struct fragment_parse) { .unit = u, .file = "/fuzz/unit", .fragment_real = "/fuzz/unit", .lint = true };
        o.sections = unit_type_sections(u->type);
        (void) syntax_parse("/fuzz/unit", (const char *) data, size, &o, unit_fragment_assign, &fp, &diags);
        diag_list_release(&diags);
        unit_free(u);
        return 0;
}
