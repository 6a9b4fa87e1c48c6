/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "rules-util.h"

static int one(struct audit *a, const struct rule *r, const struct unit *u, const char *file) {
        struct stat st;

        if (!file || audit_lstat(a, file, &st) < 0 || S_ISLNK(st.st_mode))
                return 0;
        if (st.st_mode & 0002)
                return audit_add(a, r, file, 0, u->id, "mode %04o: the file is world-writable, anyone can change "
                                 "what the service runs; chmod 0644", (unsigned) (st.st_mode & 07777));
        if (st.st_mode & 0111)
                return audit_add(a, r, file, 0, u->id, "mode %04o: the file is executable (systemd warns); chmod 0644",
                                 (unsigned) (st.st_mode & 07777));
        return 0;
}

static int check(struct audit *a, const struct rule *r) {
        for (size_t i = 0; i < a->n_units; i++) {
                const struct unit *u = a->units[i];
                int q;

                if (u->load_state == UNIT_MASKED)
                        continue;
                q = one(a, r, u, u->fragment_path);
                STRV_FOREACH(d, u->dropin_paths)
                        if (q >= 0)
                                q = one(a, r, u, *d);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTU022",
        .name = "unit-file-mode",
        .severity = SEVERITY_WARNING,
        .family = "units",
        .seed = "spec P-PERM-1; 001 J",
        .summary = "A unit file or drop-in is world-writable or executable",
        .rationale = "Whoever can write a unit decides what root's manager runs; systemd itself warns about both.",
        .fix = "chmod 0644 the file (owner root).",
        .check = check,
};
RULE_REGISTER(rule);
