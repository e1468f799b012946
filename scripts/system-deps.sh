#!/usr/bin/env bash
# Debian packages the portal and its tests need. Installs only what is missing, so a second run
# costs a few dpkg look-ups. Without root (and no sudo) it prints the apt-get line to run instead.
set -euo pipefail
# redis-server: the tests start their own throw-away Redis (tests/support.py), never the machine's.
# flite: the spoken alternative of the registration captcha (django-simple-captcha audio).
# gettext: `make messages` and the catalogue tests (xgettext, msgmerge, msgfmt).
PACKAGES=(graphviz poppler-utils chromium fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 zbar-tools
  redis-server flite gettext)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js with npm runs the local OpenID Connect provider of the identity tests. Checked by command,
# not package: the machine image may ship Node from another repository (npm bundled with it).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Please run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
