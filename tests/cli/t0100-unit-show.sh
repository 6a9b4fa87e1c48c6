#!/bin/bash
# goldctl unit show: systemctl show's format, property filters, search paths.
. "$(dirname "$0")/lib.sh"

unit app.service '[Unit]\nDescription=The app\nAfter=redis-server.service network-online.target\nWants=network-online.target\n[Service]\nType=simple\nUser=qt\nGroup=qt\nWorkingDirectory=/home/qt/quantum_trader\nEnvironmentFile=/etc/quantum/app.env\nEnvironment="A=x y" B=2\nExecStart=/opt/quantum/venvs/app/bin/python -m app --flag "two words"\nRestart=always\nRestartSec=10\nSyslogIdentifier=quantum-app\n[Install]\nWantedBy=multi-user.target\n'
unit app.service.d/10-override.conf '[Service]\nEnvironment=B=3\nUMask=0027\n'
unit alias.service '' ; rm "$T/u/alias.service"; ln -s app.service "$T/u/alias.service"
unit masked.service '' ; rm "$T/u/masked.service"; ln -s /dev/null "$T/u/masked.service"
unit w@.service '[Service]\nExecStart=/bin/echo %i %I %p %n\n'

P=Id,Names,LoadState,FragmentPath,DropInPaths,Description,Type,User,WorkingDirectory,ExecStart,Environment,EnvironmentFiles,Restart,RestartUSec,UMask,After,Wants,SyslogIdentifier
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" -p "$P" app.service
expect_out <<EOT
Type=simple
Restart=always
RestartUSec=10s
ExecStart={ path=/opt/quantum/venvs/app/bin/python ; argv[]=/opt/quantum/venvs/app/bin/python -m app --flag two words ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }
Environment="A=x y" B=3
EnvironmentFiles=/etc/quantum/app.env (ignore_errors=no)
UMask=0027
WorkingDirectory=/home/qt/quantum_trader
SyslogIdentifier=quantum-app
User=qt
Id=app.service
Names=alias.service app.service
Wants=network-online.target
After=redis-server.service network-online.target
Description=The app
LoadState=loaded
FragmentPath=$T/u/app.service
DropInPaths=$T/u/app.service.d/10-override.conf
EOT

# the alias shows the same unit
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" -p Id,Names alias.service
expect_out <<EOT
Id=app.service
Names=alias.service app.service
EOT

# --value, several units with a blank line between, masked, not found
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" -p LoadState --value app.service masked.service missing.service
expect_out <<EOT
loaded

masked

not-found
EOT

# instances of a template
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" -p Id,ExecStart,FragmentPath 'w@a\x2db.service'
expect_grep 'argv\[\]=/bin/echo a\\x2db a-b w w@a\\x2db.service'
expect_grep "^FragmentPath=$T/u/w@.service$"
expect_rc 1 "$GOLDCTL" unit show --unit-path "$T/u" w@.service
expect_grep "'w@.service' is a template" "$T/err"
expect_rc 1 "$GOLDCTL" unit show --unit-path "$T/u" 'not a unit'
expect_grep "'not a unit' is not a valid unit name" "$T/err"

# without -p: only non-empty values; with --all: empty ones too
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" app.service
expect_no_grep '^Group=$'
expect_no_grep '^ReadWritePaths='
expect_grep '^Group=qt$'
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" --all app.service
expect_grep '^ReadWritePaths=$'

# --root: the system search path under a directory, paths printed as on the host
mkdir -p "$T/root/etc/systemd/system" "$T/root/lib/systemd/system"
printf '[Service]\nExecStart=/bin/true\nUser=lib\n' >"$T/root/lib/systemd/system/r.service"
printf '[Service]\nExecStart=/bin/true\nUser=etc\n' >"$T/root/etc/systemd/system/r.service"
mkdir -p "$T/root/lib/systemd/system/r.service.d"
printf '[Service]\nGroup=dropin\n' >"$T/root/lib/systemd/system/r.service.d/x.conf"
expect_rc 0 "$GOLDCTL" unit show --root "$T/root" -p User,Group,FragmentPath,DropInPaths r.service
expect_out <<EOT
User=etc
Group=dropin
FragmentPath=/etc/systemd/system/r.service
DropInPaths=/lib/systemd/system/r.service.d/x.conf
EOT

# json
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/u" --format json -p Id,ExecStart,User app.service
check "json parses and has the values" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d[0]["Id"]=="app.service", d
assert d[0]["User"]=="qt"
assert d[0]["ExecStart"][0].startswith("{ path=/opt/quantum/venvs/app/bin/python"), d' "$T/out"
done_testing
