#!/bin/bash
# SPDX-License-Identifier: MIT
# Every option that --help prints is documented in the man page, and scdoc
# accepts every page.
#
#  - the commands are read from the "Commands:" list of `goldctl --help`;
#    each one needs docs/man/goldctl-<command>.1.scd, named in goldctl.1.scd;
#  - every long option (--name) in the output of `goldctl --help` must appear
#    in goldctl.1.scd, and every one of `goldctl <command> --help` in
#    goldctl-<command>.1.scd; so must the short options (-p) of the option
#    lists;
#  - every man page a --help names ("see goldctl-unit(1)") must exist;
#  - every page docs/man/NAME.N.scd is titled NAME(N), is listed in
#    docs/man/meson.build (so that it is built and installed in manN), and
#    every page but goldctl(1) is named in goldctl.1.scd as *NAME*(N);
#  - the file format page goldctl-contract.5.scd documents every section
#    that `goldctl contract show` prints under a heading "## [Section]", and
#    every key of it ([Venvs] keys are patterns, not keys) in that part of
#    the page as "Key=";
#  - `scdoc` must accept every docs/man/*.scd. Without scdoc this part is
#    skipped ("skip: scdoc not installed"), unless CI is set: then it fails.
#
# Environment: GOLDCTL (default: build/goldctl of this repository),
# CI. Exit 0 when everything is documented, 1 otherwise (each missing
# option is named).
set -eu

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GOLDCTL=${GOLDCTL:-$REPO/build/goldctl}
MAN=$REPO/docs/man

n=0
failed=0
ok() {
        n=$((n + 1))
        echo "ok $n - $1"
}
not_ok() {
        n=$((n + 1))
        failed=$((failed + 1))
        echo "not ok $n - $1"
}

if [ ! -x "$GOLDCTL" ]; then
        echo "not ok 1 - goldctl binary not found or not executable: $GOLDCTL (build it with 'ninja -C build', or set GOLDCTL)"
        exit 1
fi

# help_of CMD...: the --help text of `goldctl CMD... --help`; it must exit 0.
help_of() {
        local out rc=0
        out=$("$GOLDCTL" "$@" --help 2>&1) || rc=$?
        if [ "$rc" != 0 ]; then
                echo "goldctl $* --help exited $rc" >&2
                return 1
        fi
        printf '%s\n' "$out"
}

# documented PAGE OPTION: OPTION appears in PAGE as a word of its own
# (--root matches "*--root*=_DIR_", not "--root-dir").
documented() {
        grep -qE -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)" "$1"
}

# check_page LABEL PAGE HELPTEXT: every option of HELPTEXT is in PAGE.
check_page() {
        local label=$1 page=$2 help=$3 opts opt

        if [ ! -f "$page" ]; then
                not_ok "$label: no man page ${page#"$REPO"/}"
                return
        fi
        opts=$( {
                printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z0-9-]*' || true
                # short options at the start of an option line: "  -p --property=..."
                printf '%s\n' "$help" | grep -oE -- '^ +-[A-Za-z]( |,)' | tr -d ' ,' || true
        } | sort -u)
        if [ -z "$opts" ]; then
                not_ok "$label: no option found in its --help output"
                return
        fi
        for opt in $opts; do
                if documented "$page" "$opt"; then
                        ok "${page##*/} documents $opt"
                else
                        not_ok "${page##*/} does not document $opt (printed by '$label --help')"
                fi
        done
}

# check_refs HELPTEXT: every page "name(N)" the help names exists.
check_refs() {
        local ref name sec
        for ref in $(printf '%s\n' "$1" | grep -oE 'goldctl(-[a-z0-9-]+)?\([1-8]\)' | sort -u || true); do
                name=${ref%%(*}
                sec=${ref#*(}
                sec=${sec%)}
                if [ -f "$MAN/$name.$sec.scd" ]; then
                        ok "--help names $ref, and docs/man/$name.$sec.scd exists"
                else
                        not_ok "--help names $ref, but docs/man/$name.$sec.scd does not exist"
                fi
        done
}

if ! main_help=$(help_of); then
        not_ok "goldctl --help failed"
        echo "1..$n"
        exit 1
fi
check_page "goldctl" "$MAN/goldctl.1.scd" "$main_help"
check_refs "$main_help"

# The commands: the indented lines after "Commands:", up to the next blank line.
commands=$(printf '%s\n' "$main_help" |
        awk '/^Commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^ +[a-z]/ { print $1 }')
if [ -z "$commands" ]; then
        not_ok "no command found in the 'Commands:' list of goldctl --help"
fi
for cmd in $commands; do
        if ! cmd_help=$(help_of "$cmd"); then
                not_ok "goldctl $cmd --help failed"
                continue
        fi
        check_page "goldctl $cmd" "$MAN/goldctl-$cmd.1.scd" "$cmd_help"
        check_refs "$cmd_help"
        if grep -qF -- "goldctl-$cmd" "$MAN/goldctl.1.scd" 2>/dev/null; then
                ok "goldctl.1.scd refers to goldctl-$cmd"
        else
                not_ok "goldctl.1.scd does not mention goldctl-$cmd (command '$cmd')"
        fi
done

# Every page is titled after its file, built and installed by meson, and
# reachable from goldctl(1).
for page in "$MAN"/*.scd; do
        [ -e "$page" ] || continue
        base=${page##*/}
        base=${base%.scd}
        name=${base%.*}
        sec=${base##*.}
        if head -n 1 "$page" | grep -qF -- "$name($sec)"; then
                ok "$base.scd is titled $name($sec)"
        else
                not_ok "$base.scd does not start with its title $name($sec)"
        fi
        if grep -qF -- "'$base'" "$MAN/meson.build"; then
                ok "docs/man/meson.build builds $base (man$sec)"
        else
                not_ok "docs/man/meson.build does not list '$base': the page is neither built nor installed"
        fi
        [ "$base" = goldctl.1 ] && continue
        if grep -qF -- "*$name*($sec)" "$MAN/goldctl.1.scd"; then
                ok "goldctl.1.scd refers to $name($sec)"
        else
                not_ok "goldctl.1.scd does not refer to *$name*($sec)"
        fi
done

# The contract's file format: every section and key that `goldctl contract
# show` prints is documented in goldctl-contract(5), under its section.
CONTRACT_PAGE=$MAN/goldctl-contract.5.scd
# page_section SECTION: the text of the page under "## [SECTION]", up to the
# next heading.
page_section() {
        awk -v h="## [$1]" '$0 == h { on = 1; next } on && /^#/ { exit } on' "$CONTRACT_PAGE"
}
if [ ! -f "$CONTRACT_PAGE" ]; then
        not_ok "no man page docs/man/goldctl-contract.5.scd"
else
        contract_in=$(mktemp "${TMPDIR:-/tmp}/t0900-contract.XXXXXX")
        # a suppression, so that [Suppress] is printed too
        printf '[Suppress]\nIgnore=QTU001 /etc/systemd/system/x.service t0900\n' >"$contract_in"
        if ! shown=$("$GOLDCTL" contract show --contract "$contract_in" 2>&1); then
                not_ok "goldctl contract show failed: $shown"
                shown=
        fi
        rm -f "$contract_in"
        section=
        while IFS= read -r line; do
                case $line in
                '' | '#'*)
                        ;;
                '['*']')
                        section=${line#[}
                        section=${section%]}
                        if [ -n "$(page_section "$section")" ]; then
                                ok "goldctl-contract.5.scd documents [$section]"
                        else
                                not_ok "goldctl-contract.5.scd has no heading '## [$section]' (printed by goldctl contract show)"
                        fi
                        ;;
                *=*)
                        [ "$section" = Venvs ] && continue
                        key=${line%%=*}
                        if page_section "$section" | grep -qE -- "(^|[^A-Za-z0-9])$key="; then
                                ok "goldctl-contract.5.scd documents [$section] $key="
                        else
                                not_ok "goldctl-contract.5.scd does not document $key= under [$section]"
                        fi
                        ;;
                esac
        done < <(printf '%s\n' "$shown" | awk '!seen[$0 ~ /=/ ? sec "/" substr($0, 1, index($0, "=")) : $0]++ { if ($0 ~ /^\[/) sec = $0; print }')
fi

# scdoc must accept every page.
if command -v scdoc >/dev/null 2>&1; then
        for page in "$MAN"/*.scd; do
                [ -e "$page" ] || continue
                if err=$(scdoc <"$page" 2>&1 >/dev/null); then
                        ok "scdoc accepts ${page##*/}"
                else
                        not_ok "scdoc refuses ${page##*/}: $err"
                fi
        done
elif [ -n "${CI:-}" ]; then
        not_ok "scdoc not installed (CI is set, so this is a failure; apt-get install scdoc)"
else
        echo "skip: scdoc not installed"
fi

echo "1..$n"
if [ "$failed" != 0 ]; then
        echo "$failed of $n checks failed" >&2
        exit 1
fi
exit 0
