#!/bin/bash
# goldctl unit cat: the fragment and its drop-ins, as systemctl cat prints them.
. "$(dirname "$0")/lib.sh"

unit a.service '[Unit]\r\nDescription=crlf\r\n[Service]\r\nExecStart=/bin/true'
unit a.service.d/20-b.conf '[Service]\nUser=b\n'
unit a.service.d/10-a.conf '[Service]\nUser=a\n'
unit service.d/05-all.conf '[Service]\nUMask=0077\n'
unit m.service ''; rm "$T/u/m.service"; ln -s /dev/null "$T/u/m.service"

expect_rc 0 "$GOLDCTL" unit cat --unit-path "$T/u" a.service
expect_out <<EOT
# $T/u/a.service
[Unit]
Description=crlf
[Service]
ExecStart=/bin/true

# $T/u/service.d/05-all.conf
[Service]
UMask=0077

# $T/u/a.service.d/10-a.conf
[Service]
User=a

# $T/u/a.service.d/20-b.conf
[Service]
User=b
EOT

expect_rc 0 "$GOLDCTL" unit cat --unit-path "$T/u" m.service
expect_out <<EOT
# Unit m.service is masked.
EOT

expect_rc 1 "$GOLDCTL" unit cat --unit-path "$T/u" a.service nothere.service
expect_grep "No files found for nothere.service." "$T/err"
expect_grep "^# $T/u/a.service$"
done_testing
