/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "secret.h"

bool secret_name_like(const char *name) {
        static const char *const parts[] = {
                "SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
                "CREDENTIAL",
        };
        _cleanup_free_ char *up = strdup(name);

        if (!up)
                return false;
        for (char *p = up; *p; p++)
                *p = (char) toupper((unsigned char) *p);
        for (size_t i = 0; i < ELEMENTSOF(parts); i++)
                if (strstr(up, parts[i]))
                        return true;
        return endswith(up, "_KEY") != NULL;
}

bool secret_value_like(const char *v) {
        size_t n = strlen(v), upper = 0, lower = 0, digit = 0;

        /* A credential is long, one word, and mixes letter cases and digits. */
        if (n < 20 || strpbrk(v, " /:.@"))
                return false;
        for (const char *p = v; *p; p++) {
                if (isupper((unsigned char) *p))
                        upper++;
                else if (islower((unsigned char) *p))
                        lower++;
                else if (isdigit((unsigned char) *p))
                        digit++;
                else if (*p != '_' && *p != '-' && *p != '+' && *p != '=')
                        return false;
        }
        return digit > 0 && ((upper > 0 && lower > 0) || (upper + lower > 0 && digit * 4 >= n));
}
