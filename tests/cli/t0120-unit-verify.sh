#!/bin/bash
# goldctl unit verify: systemd's diagnostics, with the physical line, and
# exit 1 exactly when systemd would refuse a unit or cannot start it.
. "$(dirname "$0")/lib.sh"

unit good.service '[Service]\nExecStart=/bin/true\n'
expect_rc 0 "$GOLDCTL" unit verify "$T/u/good.service"
expect_out </dev/null

# warnings only: exit 0, each with file:line
unit warn.service '[Service]\nExecStart=/bin/true\nRestart=always # keep it up\nrestart=no\nRestart=al\\\n# comment\nways\n'
expect_rc 0 "$GOLDCTL" unit verify "$T/u/warn.service"
expect_grep "^$T/u/warn.service:3: warning: Failed to parse service restart specifier, ignoring: always # keep it up \(systemd ignores this assignment\)$"
expect_grep "^$T/u/warn.service:4: warning: Unknown key 'restart' in section \[Service\], ignoring."
expect_grep "^$T/u/warn.service:7: warning: Failed to parse service restart specifier, ignoring: al ways"

# refused: exit 1
unit two.service '[Service]\nExecStart=/bin/true\nExecStart=/bin/false\n'
expect_rc 1 "$GOLDCTL" unit verify "$T/u/two.service"
expect_grep "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."
expect_grep "^two.service: load state bad-setting"

unit fatal.service '[Service]\nExecStart=/bin/true\nWorkingDirectory=relative/dir\nUser=never-read\n'
expect_rc 1 "$GOLDCTL" unit verify "$T/u/fatal.service"
expect_grep "^$T/u/fatal.service:3: error: WorkingDirectory= path is not absolute: relative/dir \(systemd refuses to load the unit\)"
expect_no_grep "never-read"

unit badsec.service '[Service\nExecStart=/bin/true\n'
expect_rc 1 "$GOLDCTL" unit verify "$T/u/badsec.service"
expect_grep ":1: error: Invalid section header '\[Service'"
expect_grep "load state error"

printf '[Service]\nExecStart=/bin/true\nDescription=\xff\n' >"$T/u/utf8.service"
expect_rc 1 "$GOLDCTL" unit verify "$T/u/utf8.service"
expect_grep ":3: error: String is not UTF-8 clean"

# a missing command is an error, unless '-' says failure is fine
unit nocmd.service '[Service]\nExecStart=/nonexistent/bin/app\n'
expect_rc 1 "$GOLDCTL" unit verify "$T/u/nocmd.service"
expect_grep ":2: error: Command /nonexistent/bin/app is not executable: No such file or directory"
unit nocmd-ok.service '[Service]\nExecStart=-/nonexistent/bin/app\n'
expect_rc 0 "$GOLDCTL" unit verify "$T/u/nocmd-ok.service"

# Requires= on a unit that exists nowhere fails the start; After= does not
unit req.service '[Unit]\nRequires=nowhere.service\nAfter=nowhere-either.service\n[Service]\nExecStart=/bin/true\n'
expect_rc 1 "$GOLDCTL" unit verify "$T/u/req.service"
expect_grep ":2: error: Failed to create req.service/start: Unit nowhere.service not found"
expect_no_grep "nowhere-either"

# goldctl's own remarks are marked
unit cont.service '[Service]\nExecStart=/bin/echo a \\ \n  b\n'
expect_rc 0 "$GOLDCTL" unit verify "$T/u/cont.service"
expect_grep ":2: warning: Whitespace after the line continuation backslash: the line does not continue \[goldctl\]"
expect_grep ":3: warning: Missing '=', ignoring line."

# by name, on a search path; not found
expect_rc 0 "$GOLDCTL" unit verify --unit-path "$T/u" good.service
expect_rc 1 "$GOLDCTL" unit verify --unit-path "$T/u" absent.service
expect_grep "error: Unit absent.service not found."

# json
expect_rc 1 "$GOLDCTL" unit verify --format json "$T/u/two.service" "$T/u/warn.service"
check "json lists diagnostics and load states" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["load_state"]["two.service"]=="bad-setting", d["load_state"]
assert d["load_state"]["warn.service"]=="loaded"
assert d["refused"]==1
lines=[x["line"] for x in d["diagnostics"] if x["unit"]=="warn.service"]
assert 3 in lines and 4 in lines and 7 in lines, lines
assert all(set(x)>={"file","line","level","effect","message","goldctl","unit"} for x in d["diagnostics"])' "$T/out"

# not a unit file name
printf 'x' >"$T/u/notes.txt"
expect_rc 2 "$GOLDCTL" unit verify "$T/u/notes.txt"
expect_grep "not named like a unit file" "$T/err"
done_testing
