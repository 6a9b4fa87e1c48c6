#!/bin/bash
# goldctl env show: the assignments systemd applies from an env file, and
# every line it drops with the reason (spec section 12, vectors 21-28).
. "$(dirname "$0")/lib.sh"

printf 'K1="a b"c\nK3="Carolina" # your id\nexport K8=v\nK24='"'"'single $X \\n'"'"'\nK25="\\$H \\" \\\\ \\n end"\nK7=line1\\\nline2\nK = v\n# c \\\nK13=after-comment\nK2=  spaced value   \n' >"$T/a.env"
expect_rc 1 "$GOLDCTL" env show "$T/a.env"
expect_out <<'EOT'
K1="a bc"
K3="Carolina# your id"
K24="single \$X \\n"
K25="\$H \" \\ \\n end"
K7=line1line2
K=v
K2="spaced value"
EOT
expect_grep ":3: warning: 'export K8' is not a variable name" "$T/err"
expect_grep ":10: warning: swallowed by the comment on line 9" "$T/err"
expect_grep ":2: notice: K3: '#' does not start a comment here" "$T/err"

# systemd 254: the comment no longer swallows the next line
expect_rc 1 "$GOLDCTL" env show --systemd-version 254 "$T/a.env"
expect_grep '^K13=after-comment$'

# a clean file: exit 0, nothing on stderr
printf 'REPO_ROOT=/home/qt/quantum_trader\r\nREDIS_HOST=localhost\r\n' >"$T/b.env"
expect_rc 0 "$GOLDCTL" env show "$T/b.env"
expect_out <<'EOT'
REPO_ROOT=/home/qt/quantum_trader
REDIS_HOST=localhost
EOT
check "stderr is empty" test ! -s "$T/err"

# duplicates: the later value wins, in the first one's place
printf 'A=1\nB=2\nA=3\n' >"$T/d.env"
expect_rc 1 "$GOLDCTL" env show "$T/d.env"
expect_out <<'EOT'
A=3
B=2
EOT
expect_grep ":1: warning: A is set again at line 3; the later value wins" "$T/err"

# files systemd refuses as a whole
printf 'A=1\nB=\xff\n' >"$T/u.env"
expect_rc 1 "$GOLDCTL" env show "$T/u.env"
expect_grep "invalid UTF-8 value for key B" "$T/err"
expect_out </dev/null
printf 'A=1\0B=2\n' >"$T/n.env"
expect_rc 1 "$GOLDCTL" env show "$T/n.env"
expect_grep "NUL byte at offset 3: systemd refuses the whole file" "$T/err"

# json
expect_rc 1 "$GOLDCTL" env show --format json "$T/a.env"
check "json" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
env={e["name"]:e for e in d["environment"]}
assert env["K1"]["value"]=="a bc" and env["K1"]["applied"] and env["K1"]["line"]==1
assert not env["export K8"]["applied"]
assert "K13" not in env
assert d["refused"] is False and d["systemd_version"]==252
assert any(x["line"]==10 for x in d["diagnostics"])' "$T/out"
done_testing
