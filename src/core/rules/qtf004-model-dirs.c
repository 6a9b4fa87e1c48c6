/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include "path-util.h"
#include "rules-util.h"

static int check(struct audit *a, const struct rule *r) {
        static const char *const subdirs[] = { "active", "shadow", "archive" };
        struct stat st;

        if (audit_stat(a, a->c->model_dir, &st) < 0 || !S_ISDIR(st.st_mode))
                return audit_add(a, r, a->c->model_dir, 0, NULL, "the model directory %s does not exist",
                                 a->c->model_dir);
        for (size_t i = 0; i < ELEMENTSOF(subdirs); i++) {
                _cleanup_free_ char *p = path_join(a->c->model_dir, subdirs[i]);
                int q;

                if (!p)
                        return -ENOMEM;
                if (audit_stat(a, p, &st) >= 0 && S_ISDIR(st.st_mode))
                        continue;
                q = audit_add(a, r, p, 0, NULL, "%s/ is missing: models need active/, shadow/ and archive/", p);
                if (q < 0)
                        return q;
        }
        return 0;
}

static const struct rule rule = {
        .id = "QTF004",
        .name = "model-dirs",
        .severity = SEVERITY_ERROR,
        .family = "runtime",
        .seed = "001 A (Models Directory)",
        .summary = "The model directory lacks active/, shadow/ or archive/",
        .rationale = "Activation moves models shadow -> active with a timestamped backup in archive/; without them nothing can be promoted or rolled back.",
        .fix = "mkdir -p /opt/quantum/ai_engine/models/{active,shadow,archive} && chown -R qt:qt /opt/quantum/ai_engine/models",
        .check = check,
};
RULE_REGISTER(rule);
