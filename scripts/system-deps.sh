#!/usr/bin/env bash
# What `test:all` needs from the machine besides Node.js (which `npm install` brings, see .projenrc.ts):
# Java 17 and Maven (package:java, test:java, examples:java), Python 3 with venv (package:python,
# test:python, examples:python), and headless Chromium with DejaVu fonts (test:render screenshots the
# scanner's HTML report; without the fonts its text renders as boxes). Debian's packages: installed
# with apt-get when run as root, otherwise this stops before the build with the command to run.
set -euo pipefail
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
if ! command -v python3 >/dev/null; then
  missing+=(python3 python3-venv)
elif ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing+=(python3-venv)
fi
command -v chromium >/dev/null || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "test:all: this machine lacks ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "test:all: installing ${missing[*]} with apt-get"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "test:all: installed ${missing[*]} in $(( SECONDS - started ))s"
