/* SPDX-License-Identifier: MIT */
#pragma once

/* The pages docs/rules/<ID>.md, built into the binary (tools/embed-rule-docs.py). */
struct rule_doc {
        const char *id;
        const char *text;
};

extern const struct rule_doc rule_docs[];

static inline const char *rule_doc_find(const char *id) {
        for (const struct rule_doc *d = rule_docs; d->id; d++)
                if (__builtin_strcmp(d->id, id) == 0)
                        return d->text;
        return (const char *) 0;
}
