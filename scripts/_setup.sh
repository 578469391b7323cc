# Shared set-up steps for scripts/test and scripts/demo (sourced, not run).
VENV="${PYINTERFACE_VENV:-$PWD/.venv}"

ensure_venv() {
    # Re-install only when pyproject.toml changed since the last install.
    local stamp="$VENV/.pyinterface-installed"
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV"
    fi
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[test]"
        touch "$stamp"
    fi
}

_apt_install() {
    if [ "$(id -u)" != 0 ]; then
        echo "error: $* is missing; install it (as root: apt-get install -y $*) and re-run." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
    command -v node >/dev/null && command -v npm >/dev/null || _apt_install nodejs npm
}

ensure_chromium() {
    [ -x /usr/bin/chromium ] || _apt_install chromium
}
