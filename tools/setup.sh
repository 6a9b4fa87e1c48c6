#!/bin/bash
# Installs what goldctl needs to build and test on Debian 12 (as root, or
# with sudo), then builds it into build/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
        gcc clang libclang-rt-14-dev meson ninja-build pkg-config scdoc python3 python3-numpy time git
        libhiredis-dev libsystemd-dev libjansson-dev
        systemd redis-server redis-tools systemd-journal-remote dbus-user-session
)
missing=()
for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
        sudo=
        [ "$(id -u)" = 0 ] || sudo=sudo
        echo "setup: installing ${missing[*]}" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f build/build.ninja ]; then
        meson setup build --werror >/dev/null
fi
ninja -C build >/dev/null
bash examples/quantum-host/prepare.sh
echo "setup: built build/goldctl" >&2
