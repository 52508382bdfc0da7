#!/usr/bin/env bash
# Benchmark of ssme: builds the release binary, creates temporary projects (the committed sample
# with olas I–IV, and the same project with ola IV replaced by a synthetic ola of 1.000, 5.000
# and 10.000 initiatives; ola III is kept), runs `ssme build --cards` on each several times and
# PDF cards on a 50-initiative ola, and writes the results table into docs/rendimiento.md
# (between the bench markers) with the machine it ran on.
#
#   ./scripts/bench.sh                      # everything (about 2 minutes on 2 cores)
#   BENCH_RUNS=3 BENCH_SIZES="1000" ./scripts/bench.sh
#   BENCH_BIN=/ruta/a/otro/ssme BENCH_DOC=/tmp/antes.md ./scripts/bench.sh   # compare builds
#
# Times are medians of the stage log printed by `ssme build`; wall time and peak memory
# (maximum resident set size) come from GNU time. Nothing in the repository changes except
# docs/rendimiento.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-"1000 5000 10000"}
PDF_CARDS=${BENCH_PDF_CARDS:-50}
DOC=${BENCH_DOC:-$ROOT/docs/rendimiento.md}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

if [ ! -x /usr/bin/time ]; then
  echo "Instalando: time (GNU time, para la memoria máxima)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi

LOAD=$(awk '{ print $1 " / " $2 " / " $3 }' /proc/loadavg | tr . ,)
# The sample generator (workspace member `muestra/`) writes the synthetic olas.
echo "Compilando (release)…"
cargo build --release --locked --quiet --manifest-path "$ROOT/Cargo.toml" --workspace
SAMPLE_BIN="$TARGET/release/ssme-muestra"
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN # another binary, e.g. an older build to compare with
else
  BIN="$TARGET/release/ssme"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Report cards (`--cards`, `ssme cards --pdf`) are measured when the binary has them.
BUILD=(build)
"$BIN" build --help | grep -q -- '--cards' && BUILD+=(--cards)
HAS_PDF=0
"$BIN" cards --help 2>/dev/null | grep -q -- '--pdf' && command -v chromium >/dev/null 2>&1 && HAS_PDF=1
RAW="$WORK/medidas.tsv" # project <TAB> run <TAB> measure <TAB> milliseconds or KiB
: >"$RAW"

calc() { awk "BEGIN { print ($1) }"; }

# A copy of the project; with a size, ola IV is replaced by a synthetic ola of that size.
make_project() {
  local dir=$1 size=${2:-}
  mkdir -p "$dir"
  cp -r "$ROOT/ejemplos/muestra/." "$dir/"
  if [ -n "$size" ]; then
    "$SAMPLE_BIN" --root "$dir" --initiatives "$size" --out "$dir/generada/4" >/dev/null
    rm -rf "$dir/data/olas/4"
    mv "$dir/generada/4" "$dir/data/olas/4"
    rmdir "$dir/generada"
  fi
}

# Stage log line "→ Name: detail (1,23 s)" or "(45 ms)" → "Name<TAB>milliseconds"; the
# closing "✓ … en 2,5 s" is the total, and what the stages leave of it is the swap of output/
# (the previous output is deleted).
parse_log() {
  awk '/^→ / || /^✓ / {
         t = $0; sub(/.*\(/, "", t); sub(/\)$/, "", t)
         if ($0 ~ /^✓ /) { name = "Total (registro)"; t = $0; sub(/.* en /, "", t) }
         else { name = substr($0, 5); sub(/[:(].*/, "", name); sub(/ +$/, "", name) }
         split(t, p, " "); v = p[1]; gsub(",", ".", v)
         ms = (p[2] == "s") ? v * 1000 : v
         if (name == "Total (registro)") {
           printf "Publicar output/ (y borrar la salida anterior)\t%.0f\n", ms - stages
         } else stages += ms
         printf "%s\t%.0f\n", name, ms
       }'
}

# measure PROJECT DIR ARGS…: one warm-up run, then RUNS measured runs.
measure() {
  local label=$1 dir=$2
  shift 2
  "$BIN" "$@" --root "$dir" >/dev/null
  for run in $(seq "$RUNS"); do
    # Let the disk finish writing the previous run's output first, as between two builds of
    # an analyst; otherwise deleting it competes with its own write-back.
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$BIN" "$@" --root "$dir" >"$WORK/log"
    parse_log <"$WORK/log" | sed "s/^/$label\t$run\t/" >>"$RAW"
    read -r wall user sys kib <"$WORK/time"
    printf '%s\t%s\tPared (GNU time)\t%.0f\n' "$label" "$run" "$(calc "$wall * 1000")" >>"$RAW"
    printf '%s\t%s\tCPU (usuario + sistema)\t%.0f\n' "$label" "$run" "$(calc "($user + $sys) * 1000")" >>"$RAW"
    printf '%s\t%s\tMemoria máxima\t%s\n' "$label" "$run" "$kib" >>"$RAW"
  done
}

echo "Muestra (olas I–IV)…"
make_project "$WORK/muestra"
measure "Muestra" "$WORK/muestra" "${BUILD[@]}"
labels=("Muestra")
for n in $SIZES; do
  label=$(echo "$n" | rev | sed 's/[0-9]\{3\}/&./g' | rev | sed 's/^\.//')
  echo "Ola sintética de $label iniciativas…"
  make_project "$WORK/n$n" "$n"
  measure "$label" "$WORK/n$n" "${BUILD[@]}"
  labels+=("$label")
done

# PDF cards on a subset: a synthetic ola of PDF_CARDS initiatives, one reused browser.
pdf_line="Fichas PDF: no medidas (este binario no tiene \`ssme cards --pdf\` o falta Chromium)"
if [ "$HAS_PDF" = 1 ]; then
  echo "Fichas PDF ($PDF_CARDS)…"
  make_project "$WORK/pdf" "$PDF_CARDS"
  "$BIN" build --root "$WORK/pdf" --quiet
  # The first card of the ola (its manifest is written by `ssme cards`).
  "$BIN" cards --ola 4 --root "$WORK/pdf" --quiet
  first=$(awk -F, 'NR == 2 { print $1 }' "$WORK/pdf/output/privado/ola-4/fichas/fichas.csv")
  pdf_stage() { # ARGS… → milliseconds of the "PDF" stage (launching Chromium and printing)
    "$BIN" cards --pdf --ola 4 "$@" --root "$WORK/pdf" | parse_log | awk -F'\t' '$1 == "PDF" { print $2 }'
  }
  median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  all=$(for run in $(seq "$RUNS"); do pdf_stage; done | median)
  one=$(for run in $(seq "$RUNS"); do pdf_stage --initiative "$first"; done | median)
  pdf_line=$(awk -v n="$PDF_CARDS" -v all="$all" -v one="$one" 'BEGIN {
    es = "%.1f"
    r = sprintf(es, n / (all / 1000)); gsub("\\.", ",", r)
    m = sprintf(es, (n - 1) / ((all - one) / 1000)); gsub("\\.", ",", m)
    t = sprintf("%.2f", all / 1000); gsub("\\.", ",", t)
    u = sprintf("%.2f", one / 1000); gsub("\\.", ",", u)
    printf "Fichas PDF (`ssme cards --pdf --ola 4`, un solo Chromium con varias pestañas, ola sintética de %d iniciativas; mediana de la etapa «PDF»): las %d fichas en %s s, **%s fichas/s** contando el arranque del navegador; una sola ficha, %s s (arranque más una impresión); con el navegador ya abierto, **%s fichas/s** ((%d − 1) / (%s − %s))", n, n, t, r, u, m, n, t, u }')
  echo "$PDF_CARDS $all $one" >"$WORK/pdf.txt"
fi

# Median per project and measure, in the order measures first appear.
medians() {
  awk -F'\t' '{ k = $1 SUBSEP $3; v[k, ++c[k]] = $4; if (!($3 in seen)) { seen[$3] = 1; order[++m] = $3 } }
    END {
      for (k in c) { n = c[k]; for (i = 1; i <= n; i++) a[i] = v[k, i]
        for (i = 2; i <= n; i++) { x = a[i]; j = i - 1; while (j > 0 && a[j] > x) { a[j+1] = a[j]; j-- } a[j+1] = x }
        med[k] = (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
      for (i = 1; i <= m; i++) print "#", order[i]
      for (k in med) { split(k, p, SUBSEP); print p[1] "\t" p[2] "\t" med[k] }
    }' "$RAW"
}
medians >"$WORK/medianas.tsv"

# The Markdown table: one row per measure, one column per project.
table() {
  local header="| Etapa |" rule="|---|"
  for l in "${labels[@]}"; do header+=" $l |"; rule+="---:|"; done
  echo "$header"
  echo "$rule"
  grep '^# ' "$WORK/medianas.tsv" | sed 's/^# //' | while IFS= read -r measure; do
    row="| $measure |"
    for l in "${labels[@]}"; do
      v=$(awk -F'\t' -v l="$l" -v m="$measure" '$1 == l && $2 == m { print $3 }' "$WORK/medianas.tsv")
      if [ -z "$v" ]; then row+=" — |"
      elif [ "$measure" = "Memoria máxima" ]; then row+=" $(awk -v k="$v" 'BEGIN { printf "%.0f MiB", k / 1024 }') |"
      else row+=" $(awk -v ms="$v" 'BEGIN { if (ms >= 1000) { s = sprintf("%.2f s", ms / 1000); gsub("\\.", ",", s); print s } else printf "%d ms", ms }') |"
      fi
    done
    echo "$row"
  done
}

get() { awk -F'\t' -v l="$1" -v m="$2" '$1 == l && $2 == m { print $3 }' "$WORK/medianas.tsv"; }
es() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { s = sprintf("%." d "f", x); gsub("\\.", ",", s); print s }'; }
ok() { awk -v c="$1" 'BEGIN { print (c ? "✓ cumplida" : "✗ no cumplida") }'; }

targets() {
  local s w m
  s=$(get "Muestra" "Pared (GNU time)")
  echo "| Meta | Medido | |"
  echo "|---|---|---|"
  echo "| Muestra completa (olas I–IV, sitio y todas las fichas HTML con su PNG) < 0,5 s | $(es "$(calc "$s / 1000")") s | $(ok "$(calc "$s < 500")") |"
  if get "10.000" "Pared (GNU time)" | grep -q .; then
    w=$(get "10.000" "Pared (GNU time)")
    m=$(get "10.000" "Memoria máxima")
    echo "| 10.000 iniciativas, sitio y todas las fichas HTML con su PNG < 10 s | $(es "$(calc "$w / 1000")") s | $(ok "$(calc "$w < 10000")") |"
    echo "| … con memoria máxima < 1 GiB | $(es "$(calc "$m / 1024")" 0) MiB | $(ok "$(calc "$m < 1048576")") |"
  fi
  if get "1.000" "Pared (GNU time)" | grep -q . && get "5.000" "Pared (GNU time)" | grep -q . &&
    get "10.000" "Pared (GNU time)" | grep -q .; then
    local a b c r1 r2
    a=$(get "1.000" "Pared (GNU time)"); b=$(get "5.000" "Pared (GNU time)"); c=$(get "10.000" "Pared (GNU time)")
    r1=$(calc "($b - $a) / 4"); r2=$(calc "($c - $b) / 5")
    echo "| Tiempo lineal de 1.000 a 10.000: cada 1.000 iniciativas más cuestan de 5.000 a 10.000 a lo sumo 25 % más que de 1.000 a 5.000 | $(es "$(calc "$r1 / 1000")") s por cada 1.000 de 1.000 a 5.000; $(es "$(calc "$r2 / 1000")") s de 5.000 a 10.000 | $(ok "$(calc "$r2 <= 1.25 * $r1")") |"
  fi
  if [ -f "$WORK/pdf.txt" ]; then
    read -r n all one <"$WORK/pdf.txt"
    local rate
    rate=$(calc "($n - 1) / (($all - $one) / 1000)")
    echo "| Fichas PDF ≥ 10 por segundo con un solo Chromium reutilizado (sin contar su arranque) | $(es "$rate" 1) fichas/s ($(es "$(calc "$n / ($all / 1000)")" 1) con el arranque) | $(ok "$(calc "$rate >= 10")") |"
  fi
}

machine() {
  local cpu mem os
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo | tr . ,)
  os=$(. /etc/os-release && echo "$PRETTY_NAME")
  echo "- Fecha: $(date '+%Y-%m-%d %H:%M %Z')"
  echo "- CPU: $cpu, $(nproc) núcleos disponibles"
  echo "- Memoria: $mem"
  echo "- Sistema: $os, Linux $(uname -r)"
  echo "- Compilador: $(rustc --version)"
  echo "- Carga de la máquina al empezar: $LOAD (promedio de 1, 5 y 15 min; por encima de $(nproc), otros procesos compiten por los núcleos)"
  [ -n "${BENCH_BIN:-}" ] && echo "- Binario: $BENCH_BIN"
  echo "- Corridas: mediana de $RUNS por proyecto (tras una de calentamiento); commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' con cambios sin confirmar')"
}

{
  echo "<!-- bench:inicio (escrito por scripts/bench.sh; no editar a mano) -->"
  echo
  echo "Medido con \`./scripts/bench.sh\`:"
  echo
  machine
  echo
  echo "\`ssme ${BUILD[*]}\` (release), mediana por etapa del registro de etapas; «Pared» y"
  echo "«Memoria máxima» (conjunto residente máximo) son de GNU time para el proceso completo."
  echo
  table
  echo
  echo "$pdf_line."
  echo
  targets
  echo
  echo "<!-- bench:fin -->"
} >"$WORK/results.md"

if [ -f "$DOC" ] && grep -q '<!-- bench:inicio' "$DOC"; then
  awk -v f="$WORK/results.md" '
    /<!-- bench:inicio/ { while ((getline line < f) > 0) print line; skip = 1; next }
    /<!-- bench:fin/ { skip = 0; next }
    !skip { print }' "$DOC" >"$WORK/doc.md"
  cp "$WORK/doc.md" "$DOC"
else
  cp "$WORK/results.md" "$DOC"
fi
cat "$WORK/results.md"
echo "Resultados escritos en $DOC"
