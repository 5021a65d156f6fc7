#!/usr/bin/env bash
# Toegankelijkheidscontrole van de raadsinformatie-HTML met axe-core in headless Chromium.
#
# Gebruik: scripts/axe.sh [bestand.html [schermafdruk.png]]
#
# Zonder argument wordt de raadsinformatie 2024 gemaakt met de al gebouwde binary
# (target/release, anders target/debug, anders `cargo run --release`) in de map $AXE_OUT
# (standaard ${TMPDIR:-/tmp}/domeinrapport-axe, waarvan de submap 2024 eerst wordt verwijderd), en wordt
# $AXE_OUT/2024/raadsinformatie.html gecontroleerd; de schermafdruk komt ernaast
# (raadsinformatie.png). Met een argument: schermafdruk naast het bestand of het tweede argument.
# Exitcode: 0 = geen overtredingen, 1 = overtredingen, 2 = gebruiks- of startfout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
axe_dir="$root/scripts/axe"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# (a) Debians Chromium.
if [[ ! -x "$CHROMIUM" ]]; then
    echo "Chromium ontbreekt; installeren met apt-get ..." >&2
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
    CHROMIUM=/usr/bin/chromium
fi

# (b) axe-core en playwright-core (vaste versies uit package-lock.json).
if [[ ! -d "$axe_dir/node_modules" ]]; then
    (cd "$axe_dir" && npm ci --no-audit --no-fund)
fi

# (c) Het HTML-bestand.
if [[ $# -ge 1 ]]; then
    html="$1"
    png="${2:-}"
else
    out="${AXE_OUT:-${TMPDIR:-/tmp}/domeinrapport-axe}"
    rm -rf "$out/2024"
    mkdir -p "$out"
    if [[ -x "$root/target/release/domeinrapport" ]]; then
        bin=("$root/target/release/domeinrapport")
    elif [[ -x "$root/target/debug/domeinrapport" ]]; then
        bin=("$root/target/debug/domeinrapport")
    else
        bin=(cargo run --release --)
    fi
    echo "HTML maken: ${bin[*]} run --period 2024 --report raad --out $out" >&2
    (cd "$root" && "${bin[@]}" run --period 2024 --report raad --out "$out") >/dev/null
    html="$out/2024/raadsinformatie.html"
    png=""
fi

# (d) De controle.
args=("$html")
if [[ -n "$png" ]]; then args+=("$png"); fi
exec node "$axe_dir/check.mjs" "${args[@]}"
