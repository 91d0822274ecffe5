#!/usr/bin/env bash
# Installs the Debian packages the book builds with. Safe to run again: apt skips what is there.
set -euo pipefail

packages=(
  pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown parsing (CCmarkGFM)
  libopenblas-dev                                 # matrix products (COpenBLAS)
  libdnnl-dev                                     # convolutions, batch norm, pooling (CDNNL)
  zlib1g-dev                                      # reading gzip-compressed IDX files (CZlib)
  dataset-fashion-mnist                           # the data lessons train on
  libjs-katex fonts-katex                         # math typesetting copied into site/assets
  libjs-lunr                                      # the search box's engine, copied into site/assets
  chromium                                        # the real-browser test of the built site
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages are installed"
  exit 0
fi

sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then sudo_prefix=(sudo); fi
echo "setup: installing ${missing[*]}"
"${sudo_prefix[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
