#!/bin/bash
# Limits, each tried one byte past, and hostile input: a diagnostic naming
# the file, a clear exit code, never a crash or a hang.
. "$(dirname "$0")/lib.sh"

gen() { python3 -c "$1" "${@:2}"; }

# A physical line of 1048575 bytes is read; one of 1048576 is refused (as systemd).
gen 'import sys
open(sys.argv[1]+"/ok.service","w").write("[Service]\nExecStart=/bin/true\nSyslogIdentifier="+"x"*(1048575-17)+"\n")
open(sys.argv[1]+"/long.service","w").write("[Service]\nExecStart=/bin/true\nSyslogIdentifier="+"x"*(1048576-17)+"\n")
# a logical line of exactly 1 MiB from two physical lines, and one byte more
a="SyslogIdentifier="+"y"*600000+"\\"
open(sys.argv[1]+"/cont-ok.service","w").write("[Service]\nExecStart=/bin/true\n"+a+"\n"+"z"*(1048576-len(a))+"\n")
open(sys.argv[1]+"/cont-long.service","w").write("[Service]\nExecStart=/bin/true\n"+a+"\n"+"z"*(1048576-len(a)+1)+"\n")' "$T"
expect_rc 0 "$GOLDCTL" unit verify "$T/ok.service"
expect_rc 1 "$GOLDCTL" unit verify "$T/long.service"
expect_grep "$T/long.service:2: error: Line too long"
expect_rc 0 "$GOLDCTL" unit verify "$T/cont-ok.service"
expect_rc 1 "$GOLDCTL" unit verify "$T/cont-long.service"
expect_grep "$T/cont-long.service:4: error: Continuation line too long"

# A unit file of 16 MiB is read; one byte more is refused.
mkdir -p "$T/big"
gen 'import sys
body="[Service]\nExecStart=/bin/true\n"
pad="# " + "p"*1000 + "\n"
n=16*1024*1024
s=body+pad*((n-len(body))//len(pad))
s+= "#"*(n-len(s)-1) + "\n"
assert len(s)==n
open(sys.argv[1]+"/big/max.service","w").write(s)
open(sys.argv[1]+"/big/over.service","w").write(s+"\n")' "$T"
expect_rc 0 "$GOLDCTL" unit verify "$T/big/max.service"
expect_rc 1 "$GOLDCTL" unit verify "$T/big/over.service"
expect_grep "$T/big/over.service: error: File is larger than goldctl's limit of 16777216 bytes, not read"
rm -rf "$T/big"

# 4096 drop-ins are read; 4097 are refused.
for n in 4096 4097; do
        mkdir -p "$T/d$n/x.service.d"
        printf '[Service]\nExecStart=/bin/true\n' >"$T/d$n/x.service"
        gen 'import sys
for i in range(int(sys.argv[2])):
    open("%s/%04d.conf" % (sys.argv[1], i), "w").write("[Service]\nUser=u%d\n" % i)' "$T/d$n/x.service.d" $n
done
expect_rc 0 "$GOLDCTL" unit show --unit-path "$T/d4096" -p User,LoadState x.service
expect_out <<'EOT'
User=u4095
LoadState=loaded
EOT
expect_rc 1 "$GOLDCTL" unit verify --unit-path "$T/d4097" x.service
expect_grep "4097 drop-ins, more than goldctl's limit of 4096; not read"
rm -rf "$T/d4096" "$T/d4097"

# An env file of 64 MiB - 1 bytes is read; 64 MiB is refused (as systemd).
gen 'import sys
n=64*1024*1024-1
s="".join("K%06d=%s\n" % (i, "v"*993) for i in range(n//1002))
s+="#"*(n-len(s))
open(sys.argv[1]+"/max.env","w").write(s)
open(sys.argv[1]+"/over.env","w").write(s+"#")' "$T"
expect_rc 0 "$GOLDCTL" env show "$T/max.env"
expect_rc 1 "$GOLDCTL" env show "$T/over.env"
expect_grep "is larger than 67108863 bytes: systemd refuses to read it" "$T/err"
rm -f "$T/max.env" "$T/over.env"

# Binary garbage: no crash, a diagnostic, exit 1.
head -c 300000 /dev/urandom >"$T/garbage.service"
expect_rc 1 "$GOLDCTL" unit verify "$T/garbage.service"
expect_grep "garbage.service"
head -c 300000 /dev/urandom >"$T/garbage.env"
expect_rc 1 "$GOLDCTL" env show "$T/garbage.env"

# Hostile search paths.
H="$T/hostile dir"
mkdir -p "$H/dir.service" "$H/good.service.d/sub.conf"
printf '[Service]\nExecStart=/bin/true\n' >"$H/good.service"
ln -s loop-b.service "$H/loop-a.service"
ln -s loop-a.service "$H/loop-b.service"
ln -s gone.service "$H/dangling.service"
ln -s /etc/passwd "$H/escape.service"
mkfifo "$H/fifo.service"
ln -s "$H/good.service.d" "$H/self.service.d" 2>/dev/null || true
for u in loop-a.service dangling.service dir.service; do
        expect_rc 0 timeout 10 "$GOLDCTL" unit show --unit-path "$H" -p LoadState --value "$u"
        expect_out <<'EOT'
not-found
EOT
done
# systemd only takes regular files and symlinks from a unit directory
expect_rc 1 timeout 10 "$GOLDCTL" unit verify --unit-path "$H" fifo.service
expect_grep "Unit fifo.service not found."
expect_rc 0 timeout 10 "$GOLDCTL" unit show --unit-path "$H" -p LoadState,DropInPaths good.service
expect_grep "^DropInPaths=\"$H/good.service.d/sub.conf\"$"

# --root keeps absolute symlinks inside the root
R="$T/root"
mkdir -p "$R/etc/systemd/system" "$R/srv"
printf '[Service]\nExecStart=/bin/true\nUser=inside-root\n' >"$R/srv/real.service"
ln -s /srv/real.service "$R/etc/systemd/system/linked.service"
ln -s /etc/shadow "$R/etc/systemd/system/shadow.service"
expect_rc 0 "$GOLDCTL" unit show --root "$R" -p User,FragmentPath,LoadState linked.service shadow.service
expect_out <<'EOT'
User=inside-root
LoadState=loaded
FragmentPath=/etc/systemd/system/linked.service

User=
LoadState=error
FragmentPath=/etc/systemd/system/shadow.service
EOT
done_testing
