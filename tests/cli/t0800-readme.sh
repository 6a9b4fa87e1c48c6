#!/bin/bash
# The README's examples run: every goldctl command in its code blocks exits
# 0 or 1 (never a usage error or a crash) and prints something.
. "$(dirname "$0")/lib.sh"

cd "$REPO"
n=0
while IFS= read -r line; do
        cmd=${line#*&& }
        case $cmd in build/goldctl*) ;; *) continue ;; esac
        n=$((n + 1))
        eval "set -- ${cmd#build/goldctl }"
        rc=0
        "$GOLDCTL" "$@" >"$T/out" 2>"$T/err" || rc=$?
        check "README: $cmd (exit $rc)" test "$rc" -le 1
        check "README: $cmd prints" test -s "$T/out"
done < <(awk '/^```/ { inblock = !inblock; next } inblock' README.md)
check "README has goldctl examples" test "$n" -ge 4
done_testing
