#!/bin/bash
# The command line: help, version, unknown commands, usage errors.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GOLDCTL" --help
expect_grep '^Usage: goldctl'
expect_grep 'unit +read units'
expect_rc 0 "$GOLDCTL" --version
expect_grep '^goldctl [0-9]+\.[0-9]+\.[0-9]+$'
expect_rc 2 "$GOLDCTL"
expect_rc 2 "$GOLDCTL" unti show x.service
expect_grep "'unti' is not a goldctl command. Did you mean 'unit'\?" "$T/err"
expect_grep "See 'goldctl --help'" "$T/err"
expect_rc 2 "$GOLDCTL" --bogus
for c in unit env; do
        expect_rc 0 "$GOLDCTL" $c --help
        expect_grep "Usage: goldctl $c"
        expect_rc 0 "$GOLDCTL" help $c
        expect_grep "Usage: goldctl $c"
done
expect_rc 0 "$GOLDCTL" unit show --help
expect_rc 2 "$GOLDCTL" unit frobnicate x.service
expect_grep "unknown verb 'frobnicate'" "$T/err"
expect_grep "See 'goldctl unit --help'" "$T/err"
expect_rc 2 "$GOLDCTL" unit show
expect_grep "no unit given" "$T/err"
expect_rc 2 "$GOLDCTL" unit show --format yaml x.service
expect_grep "unknown format 'yaml'" "$T/err"
expect_rc 2 "$GOLDCTL" unit show --root /nonexistent-root x.service
expect_grep "not a directory" "$T/err"
expect_rc 2 "$GOLDCTL" unit show --unit-path relative/dir x.service
expect_rc 2 "$GOLDCTL" env show
expect_rc 2 "$GOLDCTL" env show --systemd-version 249 /dev/null
expect_rc 2 "$GOLDCTL" env show /nonexistent/file.env
expect_grep "cannot read '/nonexistent/file.env': No such file or directory" "$T/err"

# output that cannot be written (a full disk) is never a success
if [ -w /dev/full ]; then
        rc=0; "$GOLDCTL" contract show >/dev/full 2>"$T/err" || rc=$?
        check "contract show to a full disk: exit 2 (got $rc)" test "$rc" = 2
        expect_grep "cannot write to standard output" "$T/err"
        printf 'A=1\n' >"$T/a.env"
        rc=0; "$GOLDCTL" env show "$T/a.env" >/dev/full 2>"$T/err" || rc=$?
        check "env show to a full disk: exit 2 (got $rc)" test "$rc" = 2
fi
done_testing
