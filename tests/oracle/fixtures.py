# SPDX-License-Identifier: MIT
"""Unit-file fixtures for the systemd oracle: every test vector of
spec/systemd-syntax.md section 2.17 that concerns unit files, the drop-in
precedence cases, and more cases for the rules of sections 1 to 14.

Each fixture set maps a search-path level to {relative path: content}.
Content is bytes (so BOMs, CRLF, NUL and invalid UTF-8 are exact), or
('symlink', target). Levels, highest priority first, are placed by the
oracle into directories the user manager searches in that order:
  control         <config>/systemd/user.control
  runtime-control /run/user/<uid>/systemd/user.control
  config          <config>/systemd/user
  runtime         /run/user/<uid>/systemd/user
"""

LEVELS = ["control", "runtime-control", "config", "runtime"]


def svc(body, unit=b"[Unit]\nDescription=fixture\n"):
    if isinstance(body, str):
        body = body.encode()
    return unit + b"[Service]\n" + body


# ---- spec 2.17 vectors (unit files) and the rules around them ----
VECTORS = {
    # 1: an indented comment is a comment
    "v01-indented-comment.service": svc("ExecStart=/bin/true\n  # x\n\t; y\nRestart=no\n"),
    # 2: no end-of-line comments
    "v02-eol-comment.service": svc("ExecStart=/bin/true\nRestart=always # c\n"),
    # 3: continuation with a comment line inside, reported at the last line
    "v03-continuation-comment.service": svc("ExecStart=/bin/true\nRestart=al\\\n# c\nways-x\n"),
    # 4: an escaped backslash does not continue
    "v04-escaped-backslash.service": svc("Type=oneshot\nExecStart=/bin/echo a\\\\\nRestart=always\n"),
    # 5: backslash followed by blanks does not continue
    "v05-backslash-space.service": svc("ExecStart=/bin/echo ok \\   \n  more\n"),
    # 6: section names are literal
    "v06-spaced-section.service": b"[Unit]\nDescription=x\n[ Service ]\nExecStart=/bin/true\n",
    # 7: keys are case-sensitive
    "v07-lowercase-key.service": svc("ExecStart=/bin/true\nrestart=always\n"),
    # 8: blanks around '=' are fine
    "v08-spaced-assignment.service": svc("ExecStart=/bin/true\nRestart = on-failure\n"),
    # 9: two ExecStart= on a simple service are refused; a reset in between is fine
    "v09a-two-execstart.service": svc("ExecStart=/bin/true\nExecStart=/bin/false\n"),
    "v09b-execstart-reset.service": svc("ExecStart=/bin/true\nExecStart=\nExecStart=/bin/false\n"),
    # 10: a relative path with a slash is fatal
    "v10-relative-exec.service": svc("ExecStart=bin/foo\n"),
    # 11: a second privilege prefix ends the prefix scan
    "v11-double-privilege.service": svc("ExecStart=+!/bin/true\n"),
    # 12: quotes anywhere in a word
    "v12-inner-quotes.service": svc('ExecStart=/nonexist/a"b c"d\n'),
    # 13: an unknown specifier in ExecStart is fatal
    "v13-bad-specifier.service": svc("ExecStart=/bin/echo %z\n"),
    # 14: unbalanced quoting in ExecStart is fatal
    "v14-unbalanced-quote.service": svc('ExecStart=/bin/echo "x\n'),
    # 15: unquoted spaces in Environment=
    "v15-env-space.service": svc("ExecStart=/bin/true\nEnvironment=PATH=/opt/a b/bin\n"),
    # 16: export in Environment=
    "v16-env-export.service": svc("ExecStart=/bin/true\nEnvironment=export Z=1\n"),
    # 17: a relative EnvironmentFile= is ignored
    "v17-envfile-relative.service": svc("ExecStart=/bin/true\nEnvironmentFile=relative.env\n"),
    # 18: EnvironmentFile= takes the whole value as one path
    "v18-envfile-space.service": svc("ExecStart=/bin/true\nEnvironmentFile=/a.env /b.env\n"),
    # 19: a relative WorkingDirectory= is fatal, later lines are not read
    "v19-relative-workdir.service": svc("ExecStart=/bin/true\nWorkingDirectory=relative/dir\nUser=late\n"),
    # 20: BOM and CRLF
    "v20-bom-crlf.service": b"\xef\xbb\xbf[Unit]\r\nDescription=bom crlf\r\n[Service]\r\nExecStart=/bin/true\r\nUser=qt\r\n",
    # 35: '|' is not a prefix in 252
    "v35-pipe-prefix.service": svc("ExecStart=|/bin/true\n"),
    # 36: '!!' is accepted in 252
    "v36-double-bang.service": svc("ExecStart=!!/bin/true\n"),
    # 37: several prefixes, '@' takes argv[0]
    "v37-prefixes.service": svc("ExecStart=-@:/bin/true foo bar\n"),
    # 38: '-' with a missing binary is fine
    "v38-ignore-missing.service": svc("ExecStart=-/nonexistent/bin\n"),
    # 39: a user name with a space is accepted
    "v39-user-space.service": svc("ExecStart=/bin/true\nUser=my user\n"),
    # 40: ordering on a unit that does not exist
    "v40-after-missing.service": svc("ExecStart=/bin/true\n",
                                     b"[Unit]\nAfter=redis-server.service\nWants=network-online.target\n"),
    # 41: invalid UTF-8 fails the unit
    "v41-bad-utf8.service": svc(b"ExecStart=/bin/true\nDescription=\xff\xfe\n"),
    # 42: an unclosed section header fails the unit
    "v42-bad-section.service": b"[Unit]\nDescription=x\n[Service\nExecStart=/bin/true\n",
}

# ---- more rules of sections 1 to 11 ----
MORE = {
    "m-cr-only.service": b"[Unit]\rDescription=old mac\r[Service]\rExecStart=/bin/true\r",
    "m-nul-line-end.service": b"[Unit]\nDescription=nul\x00[Service]\nExecStart=/bin/true\n",
    "m-bom-not-first.service": b"[Unit]\n\xef\xbb\xbfDescription=bom later\n[Service]\nExecStart=/bin/true\n",
    "m-bom-comment.service": b"\xef\xbb\xbf# a comment after a BOM\n[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n",
    "m-continuation-eof.service": svc("ExecStart=/bin/echo end \\"),
    "m-continuation-section.service": b"[Unit]\nDescription=x\n[Service]\\\nExecStart=/bin/true\n",
    "m-continuation-blank.service": svc("ExecStart=/bin/echo a \\\n\nUser=after-blank\n"),
    "m-continuation-long.service": svc("ExecStart=/bin/echo \\\n  one \\\n  ; not-a-comment \\\n  two\\\n   # comment\n  three\n"),
    "m-comment-backslash.service": svc("# c \\\nExecStart=/bin/true\n"),
    "m-repeated-section.service": b"[Service]\nExecStart=/bin/true\n[Unit]\nDescription=second\n[Service]\nUser=qt\n",
    "m-outside-section.service": b"User=nobody-here\n[Service]\nExecStart=/bin/true\n",
    "m-missing-equals.service": svc("ExecStart=/bin/true\njust words\n=novalue\n"),
    "m-x-keys.service": svc("ExecStart=/bin/true\nX-Custom=1\n", b"[X-Section]\nFoo=bar\n[Unit]\nDescription=x\n"),
    "m-wrong-section-key.service": svc("ExecStart=/bin/true\nAfter=foo.service\n"),
    "m-unknown-section.service": b"[Unit]\nDescription=x\n[Serivce]\nExecStart=/bin/true\n[Service]\nExecStart=/bin/false\n",
    "m-last-wins.service": svc("ExecStart=/bin/true\nUser=a\nUser=b\nType=simple\nType=exec\nRestart=on-abort\nRestart=\n"),
    "m-user-reset.service": svc("ExecStart=/bin/true\nUser=a\nUser=\nGroup=g\n"),
    "m-list-resets.service": svc(
        "ExecStart=/bin/true\nEnvironment=A=1 B=2\nEnvironment=\nEnvironment=C=3\n"
        "EnvironmentFile=/x.env\nEnvironmentFile=\nEnvironmentFile=-/y.env\n"
        "ReadWritePaths=/a\nReadWritePaths=\nReadWritePaths=/b -/c +/d -+/e\n"
        "ExecStartPre=/bin/a\nExecStartPre=\nExecStartPre=/bin/b\n"),
    "m-deps-no-reset.service": svc("ExecStart=/bin/true\n",
                                   b"[Unit]\nAfter=a.service\nAfter=\nAfter=b.service c.service\n"
                                   b"Wants=x.service\nWants=\nRequires=r.service\nBindsTo=bt.service\nPartOf=p.target\n"
                                   b"Before=z.service\nConflicts=k.service\nBindTo=old.service\n"),
    "m-dep-self.service": svc("ExecStart=/bin/true\n", b"[Unit]\nAfter=m-dep-self.service\nWants=%n\n"),
    "m-dep-template.service": svc("ExecStart=/bin/true\n", b"[Unit]\nWants=getty@.service foo@bar.service\n"),
    "m-dep-invalid.service": svc("ExecStart=/bin/true\n", b"[Unit]\nWants=not_a_unit bad!.service ok.service\n"),
    "m-exec-separators.service": svc(
        "Type=oneshot\nExecStart=/bin/echo a ; /bin/echo b \\; c ; -/bin/false\nExecStart=/bin/echo x;y \";\" ';'\n"),
    "m-exec-escapes.service": svc(
        "ExecStart=/bin/printf '%%s\\n' \\x41 \\101 \\t \\u00e9 \\U0001F600 \\s \\q end\n"),
    "m-exec-quotes.service": svc(
        "ExecStart=/bin/sh -c 'echo \"hello world\"; exit 0' \"it's\" '' \"\" a\"\"b\n"),
    "m-exec-bare.service": svc("ExecStart=true\nExecReload=kill -HUP $MAINPID\nExecStop=/bin/kill ${MAINPID}\n"),
    "m-exec-dir.service": svc("ExecStart=/usr/bin/\n"),
    "m-exec-empty-prefix.service": svc("ExecStart=-\n"),
    "m-exec-argv0-missing.service": svc("ExecStart=@/bin/true\n"),
    "m-exec-ignored-bad.service": svc("ExecStart=/bin/true\nExecStartPre=-bin/foo\nExecStartPost=-/bin/echo %z\n"),
    "m-exec-control-char.service": svc("ExecStart=/bin/tr\\tue\n"),
    "m-exec-dotdot.service": svc("ExecStart=/usr/bin/../bin//true x\n"),
    "m-env-escapes.service": svc(
        "ExecStart=/bin/true\nEnvironment=\"A=x y\" 'B=q\"r' C=\\x41 D=a\\tb E= F=%n 9BAD=1 G=$HOME\n"
        "Environment=A=override\n"),
    "m-env-bad-escape.service": svc("ExecStart=/bin/true\nEnvironment=OK=1 BAD=\\q LATER=2\n"),
    "m-env-specifier-bad.service": svc("ExecStart=/bin/true\nEnvironment=A=%z B=2\n"),
    "m-pass-unset.service": svc(
        "ExecStart=/bin/true\nPassEnvironment=HOME \"LANG\" 9BAD X-Y HOME %p_N\nPassEnvironment=TERM\n"
        "UnsetEnvironment=A \"B=x y\" C=\\x41 D= 1E HOME A\nUnsetEnvironment=F=%n G\n"),
    "m-pass-unset-reset.service": svc(
        "ExecStart=/bin/true\nPassEnvironment=A B\nPassEnvironment=\nPassEnvironment=C\n"
        "UnsetEnvironment=X\nUnsetEnvironment=\nUnsetEnvironment=Y 'Z=q\nPassEnvironment=D \\x41 \"E\n"),
    "m-workdir-forms.service": svc("ExecStart=/bin/true\nWorkingDirectory=-/srv//app/./x/\n"),
    "m-workdir-home.service": svc("ExecStart=/bin/true\nWorkingDirectory=~\n"),
    "m-workdir-missing-home.service": svc("ExecStart=/bin/true\nWorkingDirectory=-~\n"),
    "m-workdir-reset.service": svc("ExecStart=/bin/true\nWorkingDirectory=-/a\nWorkingDirectory=\n"),
    "m-workdir-dotdot.service": svc("ExecStart=/bin/true\nWorkingDirectory=/a/../b\n"),
    "m-stdout-forms.service": svc(
        "ExecStart=/bin/true\nStandardOutput=syslog\nStandardError=journal+console\n"),
    "m-stdout-file.service": svc("ExecStart=/bin/true\nStandardOutput=file:relative\nStandardError=truncate:/var/log/x\n"),
    "m-stdout-inherit.service": svc("ExecStart=/bin/true\nStandardOutput=inherit\n"),
    "m-stdin-tty.service": svc("ExecStart=/bin/true\nStandardInput=tty\n"),
    "m-stdin-data.service": svc("ExecStart=/bin/true\nStandardInputText=hello\n"),
    "m-umask.service": svc("ExecStart=/bin/true\nUMask=027\nUMask=99\n"),
    "m-protect.service": svc("ExecStart=/bin/true\nProtectHome=yes\nProtectSystem=true\nProtectHome=bogus\n"),
    "m-protect-tmpfs.service": svc("ExecStart=/bin/true\nProtectHome=tmpfs\nProtectSystem=full\n"),
    "m-dynamic-user.service": svc("ExecStart=/bin/true\nDynamicUser=yes\n"),
    "m-dynamic-user-bad.service": svc("ExecStart=/bin/true\nDynamicUser=maybe\n"),
    "m-restartsec.service": svc("ExecStart=/bin/true\nRestartSec=1.5\n"),
    "m-restartsec2.service": svc("ExecStart=/bin/true\nRestartSec=2h 3min 4s 5ms\n"),
    "m-restartsec-bad.service": svc("ExecStart=/bin/true\nRestartSec=soon\n"),
    "m-restartsec-inf.service": svc("ExecStart=/bin/true\nRestartSec=infinity\n"),
    "m-oneshot-noexec.service": svc("Type=oneshot\nRemainAfterExit=yes\n"),
    "m-oneshot-restart.service": svc("Type=oneshot\nExecStart=/bin/true\nRestart=on-success\n"),
    "m-no-exec.service": svc("User=qt\n"),
    "m-stop-only.service": svc("Type=oneshot\nExecStop=/bin/true\n"),
    "m-dbus-noname.service": svc("Type=dbus\nExecStart=/bin/true\n"),
    "m-busname.service": svc("BusName=org.example.Foo\nExecStart=/bin/true\n"),
    "m-syslogid.service": svc("ExecStart=/bin/true\nSyslogIdentifier=quantum-%p\n"),
    "m-description-specifiers.service": svc("ExecStart=/bin/true\n", b"[Unit]\nDescription=%n %N %p %j %f %%\n"),
    "m-legacy-key.service": svc("ExecStart=/bin/true\nSysVStartPriority=5\n"),
    "m-user-nobody.service": svc("ExecStart=/bin/true\nUser=nobody\n"),
    "m-user-invalid.service": svc("ExecStart=/bin/true\nUser=a:b\n"),
    "m-user-numeric.service": svc("ExecStart=/bin/true\nUser=1000\nGroup=100\nSupplementaryGroups=adm wheel 10\n"),
    "m-rootdir-relative.service": svc("ExecStart=/bin/true\nRootDirectory=relative\n"),
    "m-long-line.service": svc("ExecStart=/bin/true\nDescription=" + "x" * (1024 * 1024) + "\n"),
    "m-long-line-ok.service": svc("ExecStart=/bin/true\n",
                                  b"[Unit]\nDescription=" + b"y" * (1024 * 1024 - 1 - len(b"Description=")) + b"\n"),
    "m-empty-file.service": b"",
    ".hidden.service": svc("ExecStart=/bin/true\n"),
    "skip.service.ignore": svc("ExecStart=/bin/true\n"),
    "m-wants-dir.target.wants/.hidden.service": ("symlink", "../.hidden.service"),
    "m-wants-dir.target": b"[Unit]\nDescription=wants a dotfile\n",
    "m-only-comments.service": b"# nothing here\n; nor here\n",
    # templates and instances (the oracle shows an instance of each template)
    "tmpl-a@.service": svc("ExecStart=/bin/echo %i %I %n %N %p %P %j %J %f\nUser=%i\n",
                           b"[Unit]\nDescription=instance %i of %p\nAfter=dep@%i.service\n"),
    "tmpl-esc@.service": svc("ExecStart=/bin/echo %i %I %f\n", b"[Unit]\nDescription=%I\n"),
    "a-b-c.service": svc("ExecStart=/bin/echo %p %j %J %P %f %N\n"),
    "nodash.service": svc("ExecStart=/bin/echo %j %J\n", b"[Unit]\nDescription=%j/%J\n"),
    "tmpl-nodash@.service": svc("ExecStart=/bin/echo %j %J %i\n"),
    # timers, sockets, paths, targets
    "m-timer.timer": b"[Unit]\nDescription=t\n[Timer]\nOnCalendar=hourly\nPersistent=true\n",
    "m-timer.service": svc("Type=oneshot\nExecStart=/bin/true\n"),
    "m-timer-unit.timer": b"[Timer]\nOnBootSec=5min\nUnit=m-timer.service\n",
    "m-timer-empty.timer": b"[Timer]\nPersistent=true\n",
    "m-socket.socket": b"[Socket]\nListenStream=/run/m-socket.sock\n",
    "m-socket.service": svc("ExecStart=/bin/true\n"),
    "m-socket-accept.socket": b"[Socket]\nListenStream=127.0.0.1:12345\nAccept=yes\n",
    "m-socket-nolisten.socket": b"[Socket]\nAccept=no\n",
    "m-path.path": b"[Path]\nPathExists=/tmp/m-path-flag\n",
    "m-path.service": svc("Type=oneshot\nExecStart=/bin/true\n"),
    "m-target.target": b"[Unit]\nDescription=group\nWants=m-timer.timer m-socket.socket\nAfter=m-socket.socket\n",
    "m-target-svc.service": svc("ExecStart=/bin/true\n", b"[Unit]\nPartOf=m-target.target\nBefore=m-target.target\n"),
}

# .wants/.requires directories, aliases, masks
LINKS = {
    "m-target.target.wants/m-path.path": ("symlink", "../m-path.path"),
    "m-target.target.requires/m-timer.timer": ("symlink", "../m-timer.timer"),
    "m-target.target.wants/tmpl-a@one.service": ("symlink", "../tmpl-a@.service"),
    "m-target.target.wants/not-a-link.service": b"[Service]\nExecStart=/bin/true\n",
    "alias-app.service": ("symlink", "real-app.service"),
    "real-app.service": svc("ExecStart=/bin/echo %n %N\n", b"[Unit]\nDescription=real %n\n"),
    "alias-app.service.d/10-alias.conf": b"[Service]\nUser=from-alias-dropin\n",
    "real-app.service.d/20-real.conf": b"[Service]\nGroup=from-real-dropin\n",
    "m-masked-null.service": ("symlink", "/dev/null"),
    "m-masked-null.service.d/x.conf": b"[Unit]\nDescription=dropin of masked\n",
    "tmpl-alias@.service": ("symlink", "tmpl-a@.service"),
    "bad-alias.service": ("symlink", "m-timer.timer"),
    "dangling.service": ("symlink", "does-not-exist.service"),
    "linked.service": ("symlink", "LINKED_TARGET"),
}

# ---- drop-in discovery and precedence (spec 29-31 and D-1..D-6) ----
DROPINS = {
    "control": {
        "my-app-x.service.d/10-x.conf": b"[Service]\nEnvironment=FROM=control-10-x\n",
        "my-app-.service.d/20-z.conf": ("symlink", "/dev/null"),
        "over.service.d/50-top.conf": b"[Service]\nUser=control\n",
    },
    "runtime-control": {
        "my-app-x.service.d/05-y.conf": b"[Service]\nEnvironment=FROM=runtime-05-y ALSO=y\n",
    },
    "config": {
        "my-app-x.service": svc("ExecStart=/bin/true\nEnvironment=FROM=fragment\n"),
        "my-app-x.service.d/10-x.conf": b"[Service]\nEnvironment=FROM=config-10-x\nUser=shadowed\n",
        "my-app-x.service.d/30-empty.conf": b"",
        "my-app-x.service.d/.hidden.conf": b"[Service]\nUser=hidden\n",
        "my-app-x.service.d/40-backup.conf~": b"[Service]\nUser=backup\n",
        "my-app-x.service.d/45-notconf.txt": b"[Service]\nUser=txt\n",
        "my-app-x.service.d/50-bad.conf": b"[Service]\nGroup=bad-dropin\nWorkingDirectory=relative\nUser=never\n",
        "my-app-.service.d/15-prefix.conf": b"[Service]\nSupplementaryGroups=prefix\n",
        "my-.service.d/16-shorter.conf": b"[Service]\nSyslogIdentifier=shorter-prefix\n",
        "service.d/99-type.conf": b"[Service]\nUMask=0027\n",
        "service.d/10-x.conf": b"[Service]\nUser=type-level-should-be-hidden\n",
        "my-app-.service.d/20-z.conf": b"[Service]\nProtectHome=yes\n",
        "foo@.service": svc("ExecStart=/bin/echo %i\n"),
        "foo@blue.service.d/10-blue.conf": b"[Service]\nUser=blue\n",
        "foo@.service.d/20-all.conf": b"[Service]\nGroup=all-instances\n",
        "over.service": svc("ExecStart=/bin/true\nUser=config\n"),
        "masked-by-control.service": svc("ExecStart=/bin/true\n"),
        "crlf-dropin.service": svc("ExecStart=/bin/true\n"),
        "crlf-dropin.service.d/a.conf": b"[Service]\r\nUser=crlf\r\nEnvironment=A=1 \\\r\n  B=2\r\n",
        "timer-dropin.timer": b"[Timer]\nOnCalendar=daily\n",
        "timer.d/10-all-timers.conf": b"[Timer]\nPersistent=true\n",
    },
    "runtime": {
        "my-app-x.service.d/10-x.conf": b"[Service]\nEnvironment=FROM=runtime-10-x\n",
        "my-app-.service.d/20-z.conf": b"[Service]\nProtectSystem=strict\n",
        "over.service": svc("ExecStart=/bin/false\nUser=runtime\n"),
    },
}
DROPIN_CONTROL_MASK = {"masked-by-control.service": ("symlink", "/dev/null")}


def fixture_sets():
    """(name, {level: {path: content}}, extra_unit_names)"""
    vec = dict(VECTORS)
    vec.update(MORE)
    vec.update(LINKS)
    dropins = {lvl: dict(files) for lvl, files in DROPINS.items()}
    dropins["control"].update(DROPIN_CONTROL_MASK)
    return [
        ("vectors", {"config": vec}, ["tmpl-a@one.service", "tmpl-a@two-x.service",
                                     "tmpl-esc@a\\x2db-c.service", "tmpl-alias@one.service",
                                     "tmpl-a@a-b.service"]),
        ("dropins", dropins, ["foo@blue.service", "foo@red.service"]),
    ]


# ---- environment files (spec section 12, vectors 21-28) ----
ENV_FILES = {
    "e21-quote-concat.env": b'K1="a b"c\nK1b="a" "b"\n',
    "e22-inline-hash.env": b'K3="Carolina" # your id\nK3b=plain # not a comment\n',
    "e23-export.env": b"export K8=v\nK9=after-export\nexport\tK10=tab\n",
    "e24-single-quotes.env": b"K24='single $X \\n'\nK24b='multi\nline'\n",
    "e25-double-quotes.env": b'K25="\\$H \\" \\\\ \\n end"\nK25b="a\\`b"\nK25c="cont\\\nnued"\n',
    "e26-continuation.env": b"K7=line1\\\nline2\nK7b=a\\b\\\\c\n",
    # an unquoted value continued: the blanks that start the next line are kept
    "e-continuation-blanks.env": b"K=a\\\\b\\\n  continued\nK2=x \\\n\ty\n",
    "e27-spaces.env": b"K = v\n  K2=  spaced value   \n\tK2b\t=\ttabbed\t\n",
    "e28-comment-backslash.env": b"# c \\\nK13=after-comment\nK14=kept\n",
    "e-crlf.env": b"A=1\r\nB=two words\r\nC=\"q\"\r\n# comment\r\nD=\r\n",
    "e-cr-only.env": b"A=1\rB=2\r",
    "e-duplicates.env": b"DUP=first\nOTHER=x\nDUP=second\n",
    "e-empty-values.env": b"EMPTY=\nEMPTY2=''\nEMPTY3=\"\"\n",
    "e-no-equals.env": b"JUSTAKEY\nGOOD=yes\nanother line without\n",
    "e-invalid-names.env": b"9LEADING=1\nWITH-DASH=2\nOK_1=3\nWITH.DOT=4\n",
    "e-semicolon-comment.env": b"; semicolon comment\n  # indented comment\nA=1\n",
    "e-dollar.env": b"A=$HOME\nB=${PATH}\nC=`date`\n",
    "e-unterminated-quote.env": b'A=1\nB="never closed\nC=3\n',
    "e-no-final-newline.env": b"A=1\nB=last",
    "e-trailing-backslash.env": b"A=end\\",
    "e-equals-in-value.env": b"URL=postgres://u:p@h/db?x=1&y=2\nA==b\n",
    "e-utf8.env": "GREETING=héllo wörld\nEMOJI=\U0001F600\n".encode(),
    "e-bad-utf8.env": b"A=1\nB=\xff\xfe\nC=3\n",
    "e-nul.env": b"A=1\nB=2\x00C=3\n",
    "e-bom.env": b"\xef\xbb\xbfA=1\nB=2\n",
    "e-quote-middle.env": b"A=x\"y\"z\nB=x'y'z\n",
    "e-whitespace-only.env": b"   \n\t\n",
    "e-empty.env": b"",
    "e-backslash-escapes.env": b"A=\\n\\t\\\\\nB=\"\\n\\t\"\nC='\\n'\n",
}
