/* SPDX-License-Identifier: MIT */
/* Fuzzes word splitting, specifier expansion, time parsing and unit names:
 * the small parsers every setting goes through. */
#include "extract-word.h"
#include "parse-util.h"
#include "specifier.h"
#include "unit-name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const unsigned flag_sets[] = {
                EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE,
                EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE | EXTRACT_UNESCAPE_RELAX,
                EXTRACT_RETAIN_ESCAPE,
                EXTRACT_UNQUOTE,
                EXTRACT_UNQUOTE | EXTRACT_RELAX,
                EXTRACT_DONT_COALESCE_SEPARATORS | EXTRACT_KEEP_QUOTE,
        };
        struct specifier_context ctx = { .id = "foo-bar@in\\x2dst.service", .instance = "in\\x2dst",
                                         .fragment_real = "/etc/systemd/system/foo-bar@.service" };
        char *s, *w = NULL, *out = NULL;
        const char *p;
        usec_t t;
        char buf[FORMAT_TIMESPAN_MAX];

        if (size > 1024 * 1024)
                return 0;
        /* the input is not NUL-terminated: copy it (strndup() may read one past) */
        s = malloc(size + 1);
        if (!s)
                return 0;
        memcpy(s, data, size);
        s[size] = '\0';
        for (size_t i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++) {
                p = s;
                for (int n = 0; n < 10000; n++) {
                        int r = extract_first_word(&p, &w, NULL, flag_sets[i]);
                        free(w);
                        w = NULL;
                        if (r <= 0)
                                break;
                }
        }
        if (specifier_expand(&ctx, s, SPECIFIERS_FULL, 4096, 0, &out) >= 0)
                free(out);
        if (specifier_expand(&ctx, s, SPECIFIERS_NAME, 256, SPECIFIER_PROBE, &out) >= 0)
                free(out);
        if (parse_time(s, USEC_PER_SEC, &t) >= 0)
                (void) format_timespan(buf, sizeof(buf), t);
        if (unit_name_is_valid(s, UNIT_NAME_ANY)) {
                char *x = NULL;
                if (unit_name_to_prefix(s, &x) >= 0)
                        free(x);
                if (unit_name_template(s, &x) >= 0)
                        free(x);
        }
        {
                char *x = NULL;
                if (unit_name_path_escape(s, &x) >= 0)
                        free(x);
                if (unit_name_path_unescape(s, &x) >= 0)
                        free(x);
        }
        free(s);
        return 0;
}
