# Shared by scripts/test and scripts/demo. Source it; it defines functions and sets nothing else.
# shellcheck shell=bash

# ttdn_say TEXT — one clearly visible line.
ttdn_say() {
    printf '\n==> %s\n' "$*"
}

# ttdn_ensure_uv — uv (installed with pip when absent) and the locked environment in .venv.
# Always `python3 -m uv`: under pyenv a plain `uv` shim may not exist.
ttdn_ensure_uv() {
    export UV_PYTHON_DOWNLOADS=never
    if ! python3 -m uv --version >/dev/null 2>&1; then
        ttdn_say "Installing uv with pip ($(python3 --version 2>&1))"
        python3 -m pip install --quiet uv || {
            echo "error: 'python3 -m pip install uv' failed; install uv for $(command -v python3)" >&2
            return 1
        }
    fi
    # --compile-bytecode: the packages' .pyc files are written once, at installation (about
    # 10 s here), instead of every process compiling Django and Wagtail again where
    # PYTHONDONTWRITEBYTECODE is set, as scripts/test sets it (3.5 s less for each pytest
    # process, measured 2026-11-28). A later sync finds them up to date in about 2 s.
    ttdn_say "uv sync --frozen --compile-bytecode ($(python3 -m uv --version))"
    python3 -m uv sync --frozen --compile-bytecode "$@"
}

# ttdn_ensure_system_packages [LIST_FILE] — install the missing Debian packages when root,
# otherwise name them and fail.
ttdn_ensure_system_packages() {
    local list_file=${1:-"$(dirname "${BASH_SOURCE[0]}")/system-packages.txt"}
    local missing=() package
    while read -r package; do
        package=${package%%#*}
        package=${package//[[:space:]]/}
        [[ -z $package ]] && continue
        # Not `dpkg -s | grep -q`: under pipefail an early-exiting grep can fail the pipeline.
        if ! grep -q '^Status: install ok installed' <<<"$(dpkg -s "$package" 2>/dev/null)"; then
            missing+=("$package")
        fi
    done <"$list_file"
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: missing system packages: ${missing[*]}" >&2
        echo "       install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
        return 1
    fi
    ttdn_say "apt-get install ${missing[*]} (takes a few minutes the first time)"
    local log rc=0
    log=$(mktemp "${TMPDIR:-/tmp}/ttdn-apt.XXXXXX")
    {
        DEBIAN_FRONTEND=noninteractive apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                "${missing[@]}"
    } >"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        tail -n 40 "$log" >&2
        echo "error: apt-get failed (exit $rc); full log: $log" >&2
        return "$rc"
    fi
    rm -f "$log"
    echo "installed: ${missing[*]}"
}
