# Shared by ops/run and ops/test: install what is missing, then build. Source it; do not run it.
# Works as root or through sudo on a fresh Debian 12.

BINHAN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build and the tests need (docs/decisions.md says why each is here).
BINHAN_PACKAGES=(build-essential cmake pkg-config libpoco-dev libspdlog-dev catch2
                 libsodium-dev libssl-dev libsqlite3-dev libpq-dev openssl ca-certificates)
# ops/test: the PostgreSQL server (initdb, pg_ctl) and client (psql) for the API suite on the
# PostgreSQL backend and the tests of several instances (tests/support/postgresql-cluster).
# python3-prometheus-client: its exposition-format parser checks /metrics (tests/api/Hardening_test).
BINHAN_TEST_PACKAGES=(postgresql python3-prometheus-client)
# ops/fuzz (and the fuzz step of ops/test): clang with libFuzzer and its sanitizer runtimes.
BINHAN_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# install_missing PACKAGE…: apt-get installs those not yet installed; quiet when all are there.
install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [CMAKE ARGS…]: configures (once) and builds into DIR with every core (only the
# targets named in BINHAN_BUILD_TARGETS when it is set).
build() {
    local dir=$1; shift
    cmake -S "$BINHAN_ROOT" -B "$BINHAN_ROOT/$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$BINHAN_ROOT/$dir" -j"$(nproc)" ${BINHAN_BUILD_TARGETS:+--target $BINHAN_BUILD_TARGETS}
}
