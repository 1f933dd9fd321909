#!/usr/bin/env bash
# The README's test command (b), also run by CI (.ci/run): installs what the tests need from Debian when it is
# missing, runs `./mvnw -B verify` (arguments are passed on), then sums up every JUnit report in one line.
#
#   scripts/test.sh            set up, build, run every test
#   scripts/test.sh --check    only say what would be installed (exit 0 when nothing is missing, 3 otherwise)
#
# Needs on Debian 12 (bookworm): a JDK 17 and git. Installing the missing packages needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

check_only=false
if [ "${1:-}" = --check ]; then
    check_only=true
    shift
fi

# What the tests use besides the JDK, as "command:Debian package".
needs=(
    javac:openjdk-17-jdk-headless   # the build (./mvnw fetches Maven itself, with the JDK if curl/wget are missing)
    dpkg-deb:dpkg                   # DebianPackageTest: control fields, conffiles, file list, install into a scratch root
    lintian:lintian                 # DebianPackageTest: lintian --fail-on error on the .deb
    systemd-analyze:systemd         # DebianPackageTest: verify and security of the unit, against /lib/systemd/system
    ip:iproute2                     # DebianPackageTest: the start script waits for the hotspot address with `ip`
    mkfs.ext4:e2fsprogs             # PowerCutTest: the bridge's home on a loop-mounted ext4 image (needs root) ...
    losetup:mount                   # ... attached and mounted with losetup and mount
    chromium:chromium               # ConsoleBrowserTest: Debian's headless Chromium (/usr/bin/chromium) ...
    chromedriver:chromium-driver    # ... driven by Selenium through /usr/bin/chromedriver
)

# A JDK other than 17 first on the PATH: use Debian's 17 if it is installed.
if command -v javac >/dev/null 2>&1 && ! javac -version 2>&1 | grep -q ' 17\.' \
        && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
    export PATH="$JAVA_HOME/bin:$PATH"
fi

missing=()
for need in "${needs[@]}"; do
    command -v "${need%%:*}" >/dev/null 2>&1 || missing+=("${need#*:}")
done
if command -v javac >/dev/null 2>&1 && ! javac -version 2>&1 | grep -q ' 17\.'; then
    missing+=(openjdk-17-jdk-headless)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "Test set-up: every Debian package the tests need is installed (dpkg, lintian, systemd, iproute2, e2fsprogs, mount, chromium, chromium-driver)."
else
    echo "Test set-up: installing ${missing[*]} with apt-get (needs root or sudo)."
    if [ "$check_only" = true ]; then
        exit 3
    fi
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "Test set-up: not root and no sudo: install ${missing[*]} first, then run $0 again." >&2
        exit 1
    fi
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    if ! javac -version 2>&1 | grep -q ' 17\.'; then
        export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
        export PATH="$JAVA_HOME/bin:$PATH"
    fi
fi
if [ "$check_only" = true ]; then
    exit 0
fi

status=0
./mvnw -B verify "$@" || status=$?

# The closed-box OSGi tests report to JUnit XML only: make sure they ran, and sum up every report (unit tests,
# OSGi tests, end-to-end tests) in one closing line. Fails when a test failed or was skipped, or none ran.
if ! java scripts/TestSummary.java && [ "$status" -eq 0 ]; then
    status=1
fi
exit "$status"
