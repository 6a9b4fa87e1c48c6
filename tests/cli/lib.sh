# SPDX-License-Identifier: MIT
# Sourced by every tests/cli/t*.sh. Gives:
#   $GOLDCTL   the binary under test (env GOLDCTL, default build/goldctl)
#   $T         a fresh temporary directory, removed at exit
#   $REPO      the repository root, $SHARED the shared/ directory beside it
#   check NAME CMD...          run CMD; the check passes when it exits 0
#   expect_rc RC CMD...        run CMD, capture stdout/stderr in $T/out $T/err, compare the exit code
#   expect_out FILE            compare $T/out with FILE (or stdin when FILE is -)
#   expect_grep PATTERN [F]    grep -E PATTERN in F (default $T/out)
#   done_testing               prints the summary and exits 1 if a check failed
set -u
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${GOLDCTL_SHARED:-$(cd "$REPO/.." && pwd)/shared}
GOLDCTL=${GOLDCTL:-$REPO/build/goldctl}
T=$(mktemp -d "${TMPDIR:-/tmp}/goldctl-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
_n=0
_failed=0
_name=$(basename "$0" .sh)

_report() {
        _n=$((_n + 1))
        if [ "$1" = 0 ]; then
                echo "ok $_n - $2"
        else
                _failed=$((_failed + 1))
                echo "not ok $_n - $2"
        fi
}

expect_rc() {
        local want=$1; shift
        local got=0
        "$@" >"$T/out" 2>"$T/err" || got=$?
        if [ "$got" = "$want" ]; then
                _report 0 "exit $want: $*"
        else
                _report 1 "exit $want: $* (got $got)"
                sed 's/^/#   stdout: /' "$T/out" | head -20
                sed 's/^/#   stderr: /' "$T/err" | head -20
        fi
}

expect_out() {
        local f=${1:--}
        if [ "$f" = - ]; then
                f=$T/expected
                cat >"$f"
        fi
        if cmp -s "$f" "$T/out"; then
                _report 0 "output matches"
        else
                _report 1 "output matches"
                diff -u "$f" "$T/out" | head -40 | sed 's/^/#   /'
        fi
}

expect_grep() {
        local pat=$1 f=${2:-$T/out}
        if grep -qE -- "$pat" "$f"; then
                _report 0 "grep '$pat'"
        else
                _report 1 "grep '$pat' in $(basename "$f")"
                head -20 "$f" | sed 's/^/#   /'
        fi
}

expect_no_grep() {
        local pat=$1 f=${2:-$T/out}
        if grep -qE -- "$pat" "$f"; then
                _report 1 "no '$pat' in $(basename "$f")"
                grep -E -- "$pat" "$f" | head -5 | sed 's/^/#   /'
        else
                _report 0 "no '$pat'"
        fi
}

check() {
        local name=$1; shift
        if "$@" >"$T/check.out" 2>&1; then
                _report 0 "$name"
        else
                _report 1 "$name"
                head -20 "$T/check.out" | sed 's/^/#   /'
        fi
}

done_testing() {
        echo "1..$_n"
        [ "$_failed" = 0 ]
        exit $?
}

# unit NAME CONTENT: writes a unit file into $T/u
unit() {
        mkdir -p "$T/u/$(dirname "$1")"
        printf '%b' "$2" >"$T/u/$1"
}
