#!/usr/bin/env bash
# Installs the Debian packages ConvScope builds and tests with: ncurses (the TUI), libpng
# (image decoding), pkg-config, and tmux (end-to-end tests). Does nothing when all are present.
set -euo pipefail
packages=(libncurses-dev libpng-dev pkg-config tmux)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing: ${missing[*]}" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
