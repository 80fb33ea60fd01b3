#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked GNOME keyring, so QtKeychain's Secret Service
# backend works headless (CI, containers, root without X). Do not install dbus-x11: with it the keyring tries to
# prompt for a password on a display and waits forever.
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing; running without a keyring" >&2
    exec "$@"
fi
# The keyring daemon keeps its files under XDG_DATA_HOME / XDG_RUNTIME_DIR: give it a throwaway home so a test
# never touches the real user's keyring.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c 'printf x | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "$@"' keyring "$@"
