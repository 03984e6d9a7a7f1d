#!/usr/bin/env bash
# Debian packages MộtCửa Desk needs to run (run) or to test (test); sourced by releng/run and releng/test.
# Installs what is missing when it can (root, or password-less sudo), else prints the exact command.
motcua_packages_run=(libgtk-3-0 fonts-dejavu-core curl unzip)
motcua_packages_test=("${motcua_packages_run[@]}" xvfb xauth xdotool imagemagick softhsm2 opensc poppler-utils libreoffice-calc-nogui postgresql)

motcua_install_packages() { # names...
  local missing=() p
  command -v dpkg >/dev/null || { echo "releng: not a Debian-like system; install the equivalents of: $*" >&2; return 0; }
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "releng: missing Debian packages: ${missing[*]}" >&2
      echo "releng: fix: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "releng: installing ${missing[*]} …" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
      echo "releng: could not install ${missing[*]}; fix: sudo apt-get install -y ${missing[*]}" >&2; return 1; }
}
