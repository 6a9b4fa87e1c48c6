#!/usr/bin/env python3
# Turns docs/rules/*.md into a C table so that `goldctl audit --explain ID`
# works from the installed binary. Usage: embed-rule-docs.py OUTPUT.c DOCS_DIR
import glob
import os
import sys

out = sys.argv[1]
docs = sorted(glob.glob(os.path.join(sys.argv[2], "*.md")))


def c_string(text):
    b = text.encode()
    parts = []
    if b.endswith(b"\n"):
        b = b[:-1]  # each line below gets its own "\n"
    for line in b.split(b"\n"):
        esc = "".join(chr(c) if 32 <= c < 127 and chr(c) not in '"\\?' else "\\%03o" % c for c in line)
        parts.append('"' + esc + '\\n"')
    return "\n        ".join(parts)


with open(out, "w") as f:
    f.write("/* Generated from the pages in docs/rules/ by tools/embed-rule-docs.py; do not edit. */\n")
    f.write('#include <stddef.h>\n\n#include "rule-docs.h"\n\nconst struct rule_doc rule_docs[] = {\n')
    for d in docs:
        rid = os.path.splitext(os.path.basename(d))[0]
        with open(d, encoding="utf-8") as fh:
            text = fh.read()
        f.write('        { "%s",\n        %s },\n' % (rid, c_string(text)))
    f.write("        { NULL, NULL },\n};\n")
