#!/usr/bin/env bash
# tests/package/deb-install-check.sh — builds the Debian package and proves it installs and runs
# in a fresh Debian 12 root (issue 9). Run as root on a Debian machine with debootstrap:
#   tests/package/deb-install-check.sh
# Steps: Release build of `binhan` + `cpack -G DEB`; check the package holds no key, certificate
# or database; debootstrap a minimal bookworm once (cached), copy it to a fresh root; `apt
# install ./binhan_*.deb` there (dpkg -i plus the library dependencies); then, in that root, as
# the user `binhan`: --version, init, serve + curl /healthz and the UI, the backup job (keeps
# the newest N), a restore drill, and remove/purge that keep the data. Not part of ./ops/test
# (the build alone takes minutes on one core; see docs/deploy.md for a run's output and time).
#   BINHAN_PKG_BUILD      build dir (default: build-pkg)       BINHAN_PKG_JOBS  build jobs (1)
#   BINHAN_DEBIAN_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   BINHAN_PKG_KEEP_ROOT  1 keeps the test root afterwards (it is kept anyway on failure)
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${BINHAN_PKG_BUILD:-$root_dir/build-pkg}
mirror=${BINHAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$build/package-check
base=$work/debian12-base        # debootstrap's result, made once
target=$work/root               # a fresh copy for each run
started=$SECONDS

step() { printf '\n== [%3d s] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
in_root() { chroot "$target" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_binhan() { in_root runuser -u binhan -- "$@"; }
# as_service "RW DIRS" CMD…: runs CMD in the root as binhan the way the units confine it, as far
# as a chroot can: the whole root read-only (ProtectSystem=strict) but the given folders
# (ReadWritePaths), an empty /tmp (PrivateTmp) and no new privileges. Seccomp, namespaces and capabilities are systemd's.
as_service() {
    local writable=$1 run=()
    shift
    # In a background subshell, exec, so that $! is the command and signals reach it.
    [ "$BASHPID" = "$$" ] || run=(exec)
    "${run[@]}" unshare --mount --propagation private -- sh -c '
        root=$1; writable=$2; shift 2
        mount --rbind "$root" "$root" && mount -o remount,bind,ro "$root"
        for dir in $writable; do
            mount --bind "$root$dir" "$root$dir" && mount -o remount,bind,rw "$root$dir"
        done
        mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
        exec setpriv --no-new-privs chroot --userspec=binhan:binhan "$root" \
            env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"' sh "$target" "$writable" "$@"
}

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap and chroot need it)"
source "$root_dir/ops/lib.sh"
install_missing "${BINHAN_PACKAGES[@]}" debootstrap file   # file: cpack's dpkg-shlibdeps step

step "Build binhan (Release in a new build dir) and cpack -G DEB (in $build)"
# An existing build dir keeps its settings (ops/test may pass its release build/): its binary
# then finds the UI through web.root in /etc/binhan/binhan.properties.
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root_dir" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBINHAN_TESTS=OFF \
        -DBINHAN_WEB_ROOT=/usr/share/binhan/web >/dev/null
fi
cmake --build "$build" -j"${BINHAN_PKG_JOBS:-1}" --target binhan >/dev/null
rm -f "$build"/binhan_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/binhan_*.deb)
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb -f "$deb" Package Version Depends

step "The package holds no secret and no data"
if dpkg-deb -c "$deb" | grep -E '\.(pem|key|db)$|master'; then fail "a key, certificate or database is in the package"; fi
dpkg-deb -c "$deb" | awk '{print $1, $6}' | grep -v '/$' | sed 's|^|  |'

step "systemd-analyze verify and security of the units (ExecStart pointed at /bin/true)"
units=$work/units
rm -rf "$units" && mkdir -p "$units"
for unit in binhan.service binhan-backup.service binhan-backup.timer; do
    sed 's|^ExecStart=/usr/.*|ExecStart=/bin/true|' "$root_dir/ops/$unit" >"$units/$unit"
done
verify=$(systemd-analyze verify "$units"/* 2>&1) || fail "systemd-analyze verify: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify: $verify"
echo "verify: no warnings"
for unit in binhan.service binhan-backup.service; do
    systemd-analyze security --offline=true "$units/$unit" 2>&1 | tail -n 1
done

step "A fresh Debian 12 root"
if [ ! -d "$base" ]; then
    mkdir -p "$work"
    rm -rf "$base.tmp"
    debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" >"$work/debootstrap.log"
    mv "$base.tmp" "$base"
fi
# Unmount before any rm: a recursive delete through the bound /dev would wipe the host's.
unmount() { for m in proc dev; do if mountpoint -q "$target/$m"; then umount -l "$target/$m"; fi; done; }
cleanup() {
    local status=$?
    [ -z "${server:-}" ] || kill "$server" 2>/dev/null || true
    unmount
    if [ "$status" = 0 ] && [ "${BINHAN_PKG_KEEP_ROOT:-0}" != 1 ]; then
        rm -rf --one-file-system "$target"
    fi
    [ "$status" = 0 ] || echo "(the test root is kept in $target)" >&2
}
unmount
rm -rf --one-file-system "$target"
cp -a "$base" "$target"
trap cleanup EXIT
mount -t proc proc "$target/proc"
mount --bind /dev "$target/dev"
cp /etc/resolv.conf "$target/etc/resolv.conf"
echo "deb $mirror bookworm main" >"$target/etc/apt/sources.list"
in_root cat /etc/debian_version

step "apt install ./$(basename "$deb")"
cp "$deb" "$target/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" curl >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt install"; }
# postinst's own words (the rest of apt's output is in $work/apt.log)
grep -vE '^(Selecting|Preparing|Unpacking|Setting up|Processing|\(Reading|debconf|E: Can not write log)' "$work/apt.log" || true
in_root dpkg-query -W -f='${Package} ${Version} ${Status}\n' binhan

step "What postinst made"
in_root id binhan
in_root stat -c '%n %a %U:%G' /var/lib/binhan /var/backups/binhan /etc/binhan/binhan.properties
[ "$(in_root stat -c '%a %U' /var/lib/binhan)" = "700 binhan" ] || fail "data dir is not 0700 binhan"
in_root dpkg-query -W -f='conffiles:${Conffiles}\n' binhan
in_root test ! -e /var/lib/binhan/master.key || fail "a master key exists before init"

step "binhan --version and init, as the user binhan"
config=(--config /etc/binhan/binhan.properties)
as_binhan binhan --version
password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
as_binhan binhan init "${config[@]}" --admin-user admin --admin-password "$password" \
    --admin-name "Quản trị hệ thống"
in_root stat -c '%n %a %U' /var/lib/binhan/master.key /var/lib/binhan/binhan.db

step "binhan serve (read-only root but /var/lib/binhan), then curl -k https://127.0.0.1:PORT/healthz"
as_service /var/lib/binhan sh -c 'test -w /var/lib/binhan && ! test -w /var/backups/binhan' ||
    fail "the confinement is not what it claims (binhan may write only in /var/lib/binhan)"
port=18443
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_service /var/lib/binhan \
    /usr/bin/binhan serve "${config[@]}" --set server.port="$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    in_root curl -ksf -o /dev/null "https://127.0.0.1:$port/healthz" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; fail "binhan serve stopped"; }
    sleep 0.2
done
echo "healthz: $(in_root curl -ksS "https://127.0.0.1:$port/healthz")"
ui=$(in_root curl -ksS -o /dev/null -w '%{http_code} %{content_type}' "https://127.0.0.1:$port/")
echo "GET /: $ui"
case $ui in 200\ text/html*) ;; *) fail "the browser UI is not served from /usr/share/binhan/web" ;; esac

step "The backup job while serving (read-only root but the data and backup dirs): three runs, keep 2"
for _ in 1 2 3; do
    as_service "/var/lib/binhan /var/backups/binhan" \
        /usr/lib/binhan/binhan-backup /var/backups/binhan 2 /etc/binhan/binhan.properties
    sleep 1
done
in_root ls -l /var/backups/binhan | sed 's|^|  |'
[ "$(in_root sh -c 'ls /var/backups/binhan/*.bak | wc -l')" = 2 ] || fail "the job did not keep 2"

step "Stop the server (SIGTERM)"
kill -TERM "$server"
wait "$server" && echo "binhan serve exited 0" || fail "binhan serve exited $?"
server=
tail -n 3 "$work/serve.log"

step "Restore drill into a new data dir"
latest=$(in_root sh -c 'ls /var/backups/binhan/*.bak | tail -n 1')
# As after a lost disk: the two keys from the safe place (here: the old data dir), the ledger
# and checkpoints from beside the backups, then the backup itself.
in_root install -d -m 0700 -o binhan -g binhan /var/lib/binhan-drill
in_root sh -c 'cp -p /var/lib/binhan/master.key /var/lib/binhan/audit-signing.key /var/lib/binhan-drill/ &&
    cd /var/backups/binhan && for f in audit-signing.key.pub audit-checkpoints erasures; do
        [ ! -f $f ] || cp -p $f /var/lib/binhan-drill/; done'
in_root ls -l /var/lib/binhan-drill | sed 's|^|  |'
as_binhan binhan restore "$latest" "${config[@]}" --set data.dir=/var/lib/binhan-drill

step "apt remove, then purge: the data stays"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq binhan >>"$work/apt.log" 2>&1
in_root test -f /var/lib/binhan/binhan.db || fail "remove deleted the database"
in_root test -f /etc/binhan/binhan.properties || fail "remove deleted the conffile"
in_root dpkg --purge binhan
in_root test -f /var/lib/binhan/master.key || fail "purge deleted the master key"
in_root test ! -e /etc/binhan || fail "purge left /etc/binhan"
in_root ls /var/lib/binhan /var/backups/binhan | sed 's|^|  |'

step "dpkg -i again over the kept data: the same keys, the audit log verifies"
key_before=$(in_root sha256sum /var/lib/binhan/master.key)
in_root dpkg -i "/tmp/$(basename "$deb")" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
grep -vE '^(\(Reading|Selecting|Preparing|Unpacking|Setting up)' "$work/dpkg.log" || true
[ "$(in_root sha256sum /var/lib/binhan/master.key)" = "$key_before" ] || fail "reinstall changed the master key"
as_binhan binhan audit verify "${config[@]}"

printf '\nPASS: the package installs, runs, backs up, restores and removes cleanly in Debian %s (%d s)\n' \
    "$(cat "$target/etc/debian_version")" "$((SECONDS - started))"
