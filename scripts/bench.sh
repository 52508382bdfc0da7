#!/usr/bin/env bash
# Benchmark of ssme: builds the release binary, creates temporary projects (the committed sample
# with olas I–IV, and the same project with ola IV replaced by a synthetic ola of 1.000, 5.000
# and 10.000 initiatives; ola III is kept), runs `ssme build --cards` on each several times
# (rebuilds, as an analyst's), and on the largest `ssme build` without cards and a first build
# (no previous output), the e-mail dry run (`ssme email`, every message with its inline chart)
# on the sample's IV ola (100 directors) and on the 1.000 ola, and PDF cards on a 50-initiative
# ola, and writes the results into docs/rendimiento.md (between the bench markers) with the
# machine it ran on. The measured runs go round all the measures, so every measure's runs
# are spread over the same minutes.
#
#   ./scripts/bench.sh                      # everything (about 10 minutes on 2 cores; twice with BENCH_BIN)
#   BENCH_RUNS=3 BENCH_SIZES="1000" ./scripts/bench.sh
#   BENCH_BIN=/ruta/al/ssme-anterior ./scripts/bench.sh   # side by side with a previous binary
#   BENCH_BIN=… BENCH_OLD_REV=f80cab7 ./scripts/bench.sh     # the previous binary reads the sample
#                                         project of that commit (its own format)
#   BENCH_RAW=/tmp/medidas.tsv ./scripts/bench.sh  # also keep every run's figures
#
# With BENCH_BIN, every measure is also taken with that binary, alternating runs of the two in
# the same session (the machine's speed varies by the hour), and a second table compares them.
# Times are medians of the stage log printed by `ssme build`; wall time, CPU time and peak
# memory (maximum resident set size; the table gives the largest of the runs) come from GNU
# time. Nothing in the repository changes except docs/rendimiento.md.
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
BIN="$TARGET/release/ssme"
OLD=${BENCH_BIN:-} # a previous binary to compare with, measured in the same runs
if [ -n "$OLD" ] && [ ! -x "$OLD" ]; then
  echo "BENCH_BIN no es un ejecutable: $OLD" >&2
  exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Report cards (`--cards`, `ssme cards --pdf`) are measured when the binary has them.
BUILD=(build)
"$BIN" build --help | grep -q -- '--cards' && BUILD+=(--cards)
HAS_PDF=0
"$BIN" cards --help 2>/dev/null | grep -q -- '--pdf' && command -v chromium >/dev/null 2>&1 && HAS_PDF=1
RAW="$WORK/medidas.tsv" # project <TAB> run <TAB> measure <TAB> milliseconds or KiB
# Labels of the previous binary's measures end with this.
BEFORE=" (anterior)"
: >"$RAW"

calc() { awk "BEGIN { print ($1) }"; }

# A copy of the project; with a size, ola IV is replaced by a synthetic ola of that size.
# With BENCH_OLD_REV, the previous binary gets its own copy, `DIR-anterior`: the sample project
# as it was at that commit (a project the previous binary can read), grown the same way by its
# own generator (`ssme sample`).
make_project() {
  local dir=$1 size=${2:-}
  if [ -n "$OLD" ] && [ -n "${BENCH_OLD_REV:-}" ]; then
    mkdir -p "$dir-anterior"
    git -C "$ROOT" archive "$BENCH_OLD_REV" data content templates | tar -x -C "$dir-anterior"
    if [ -n "$size" ]; then
      "$OLD" sample --root "$dir-anterior" --initiatives "$size" --out "$dir-anterior/generada/4" >/dev/null
      rm -rf "$dir-anterior/data/olas/4"
      mv "$dir-anterior/generada/4" "$dir-anterior/data/olas/4"
      rmdir "$dir-anterior/generada"
    fi
  fi
  mkdir -p "$dir"
  cp -r "$ROOT/ejemplos/muestra/." "$dir/"
  # The templates too, so that a previous binary (BENCH_BIN) that expects them finds them.
  cp -r "$ROOT/templates" "$dir/"
  if [ -n "$size" ]; then
    "$SAMPLE_BIN" --root "$dir" --initiatives "$size" --out "$dir/generada/4" >/dev/null
    rm -rf "$dir/data/olas/4"
    mv "$dir/generada/4" "$dir/data/olas/4"
    rmdir "$dir/generada"
  fi
}

# Stage log line "→ Name: detail (1,23 s)" or "(45 ms)" → "Name<TAB>milliseconds"; the
# closing "✓ … en 2,5 s" is the total. A binary that does not log its publication stage (the
# swap of output/ and the deletion of the previous output) gets it as what the stages leave of
# the total; one that logs it runs some stages at the same time, so no remainder is computed.
parse_log() {
  awk '/^→ / || /^✓ / {
         t = $0; sub(/.*\(/, "", t); sub(/\)$/, "", t)
         if ($0 ~ /^✓ /) { name = "Total (registro)"; t = $0; sub(/.* en /, "", t) }
         else { name = $0; sub(/^→ /, "", name); sub(/[:(].*/, "", name); sub(/ +$/, "", name) }
         split(t, p, " "); v = p[1]; gsub(",", ".", v)
         ms = (p[2] == "s") ? v * 1000 : v
         if (name == "Publicación") published = 1
         if (name == "Total (registro)" && !published) {
           printf "Publicar output/ (y borrar la salida anterior)\t%.0f\n", ms - stages
         } else stages += ms
         printf "%s\t%.0f\n", name, ms
       }'
}

# once BINARY LABEL RUN DIR FRESH ARGS…: one measured run. Builds log their stages; other
# commands (`ssme email`) only get GNU time's figures. FRESH=1 deletes output/ first (not
# timed): a first build, with no previous output whose unchanged cards it could reuse.
once() {
  local bin=$1 label=$2 run=$3 dir=$4 fresh=$5
  shift 5
  [ "$fresh" = 1 ] && rm -rf "$dir/output"
  # Let the disk finish writing the previous run's output first, as between two builds of
  # an analyst; otherwise deleting it competes with its own write-back.
  sync
  # `ssme email` exits with 1 when some director has no valid address; it still prepares the rest.
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$bin" "$@" --root "$dir" >"$WORK/log" 2>"$WORK/err" ||
    [ "$1" = email ] || { cat "$WORK/err" >&2; exit 1; }
  [ "$1" = build ] && parse_log <"$WORK/log" | sed "s/^/$label\t$run\t/" >>"$RAW"
  read -r wall user sys kib <"$WORK/time"
  printf '%s\t%s\tPared (GNU time)\t%.0f\n' "$label" "$run" "$(calc "$wall * 1000")" >>"$RAW"
  printf '%s\t%s\tCPU (usuario + sistema)\t%.0f\n' "$label" "$run" "$(calc "($user + $sys) * 1000")" >>"$RAW"
  printf '%s\t%s\tMemoria máxima\t%s\n' "$label" "$run" "$kib" >>"$RAW"
}

# The measures, in order: "label|project folder|fresh|arguments". Every measure gets one
# warm-up run; then the measured runs go round all of them, RUNS times, so that each measure's
# runs are spread over the same minutes as the others' (the machine's speed drifts: comparing
# sizes measured minutes apart would measure the drift). With a previous binary, its run of
# each measure comes just before the current one's, on its own copy of the project.
PLAN=()
plan() { PLAN+=("$1|$2|$3|$4"); }

run_plan() {
  local m label dir fresh args old_dir run
  for run in $(seq 0 "$RUNS"); do
    for m in "${PLAN[@]}"; do
      IFS='|' read -r label dir fresh args <<<"$m"
      old_dir=$dir
      [ -d "$dir-anterior" ] && old_dir="$dir-anterior"
      # shellcheck disable=SC2086 # the arguments are words without spaces
      if [ "$run" = 0 ]; then # warm-up, not recorded
        [ "$fresh" = 1 ] && rm -rf "$dir/output" "$old_dir/output"
        "$BIN" $args --root "$dir" >/dev/null 2>&1 || [ "${args%% *}" = email ]
        [ -z "$OLD" ] || "$OLD" $args --root "$old_dir" >/dev/null 2>&1 || [ "${args%% *}" = email ]
        continue
      fi
      # The current binary runs last: its output (cards) is what the e-mail measures read.
      [ -z "$OLD" ] || once "$OLD" "$label$BEFORE" "$run" "$old_dir" "$fresh" $args
      once "$BIN" "$label" "$run" "$dir" "$fresh" $args
    done
    [ "$run" = 0 ] || echo "  ronda $run de $RUNS"
  done
}

# A copy of a project made by make_project (and of its previous binary's copy), for a measure
# that must not disturb the other's output.
copy_project() {
  cp -r "$1" "$2"
  [ ! -d "$1-anterior" ] || cp -r "$1-anterior" "$2-anterior"
}

echo "Proyectos: muestra (olas I–IV) y olas sintéticas de $SIZES iniciativas…"
make_project "$WORK/muestra"
plan "Muestra" "$WORK/muestra" 0 "${BUILD[*]}"
labels=("Muestra")
for n in $SIZES; do
  label=$(echo "$n" | rev | sed 's/[0-9]\{3\}/&./g' | rev | sed 's/^\.//')
  make_project "$WORK/n$n" "$n"
  plan "$label" "$WORK/n$n" 0 "${BUILD[*]}"
  labels+=("$label")
done

# On the largest project: the build without cards (reading, validation, site), and a first
# build (no previous output), each on its own copy.
largest=${SIZES##* }
if [ -n "$largest" ]; then
  big=$(echo "$largest" | rev | sed 's/[0-9]\{3\}/&./g' | rev | sed 's/^\.//')
  copy_project "$WORK/n$largest" "$WORK/sin"
  plan "$big sin fichas" "$WORK/sin" 0 build
  labels+=("$big sin fichas")
  copy_project "$WORK/n$largest" "$WORK/primera"
  plan "$big, primera construcción" "$WORK/primera" 1 "${BUILD[*]}"
  labels+=("$big, primera construcción")
fi

# E-mail dry run on the cards the builds leave: every message with its inline chart, the card
# attached (as HTML: the bench prints no PDF). The sample's IV ola has 100 directors.
EMAILS=()
if "$BIN" email --help >/dev/null 2>&1; then
  plan "Correo: 100 fichas" "$WORK/muestra" 0 email
  EMAILS+=("Correo: 100 fichas")
  if [ -d "$WORK/n1000" ]; then
    plan "Correo: 1.000 fichas" "$WORK/n1000" 0 email
    EMAILS+=("Correo: 1.000 fichas")
  fi
fi

echo "Corridas: una de calentamiento y $RUNS medidas de cada proyecto, por rondas…"
run_plan

# PDF cards on a subset: a synthetic ola of PDF_CARDS initiatives, one reused browser.
pdf_line="Fichas PDF: no medidas (este binario no tiene \`ssme cards --pdf\` o falta Chromium)"
if [ "$HAS_PDF" = 1 ] && [ "$PDF_CARDS" -gt 0 ]; then
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
        split(k, q, SUBSEP)
        # Peak memory: the largest of the runs; everything else: the median.
        if (q[2] == "Memoria máxima") med[k] = a[n]
        else med[k] = (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
      for (i = 1; i <= m; i++) print "#", order[i]
      for (k in med) { split(k, p, SUBSEP); print p[1] "\t" p[2] "\t" med[k] }
    }' "$RAW"
}
medians >"$WORK/medianas.tsv"

# A median as Spanish text: "45 ms", "1,23 s"; KiB as "12 MiB".
ms_es() { awk -v ms="$1" 'BEGIN { if (ms >= 1000) { s = sprintf("%.2f s", ms / 1000); gsub("\\.", ",", s); print s } else printf "%d ms", ms }'; }
mib_es() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

# The Markdown table: one row per measure, one column per project (current binary).
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
      elif [ "$measure" = "Memoria máxima" ]; then row+=" $(mib_es "$v") |"
      else row+=" $(ms_es "$v") |"
      fi
    done
    echo "$row"
  done
}

get() { awk -F'\t' -v l="$1" -v m="$2" '$1 == l && $2 == m { print $3 }' "$WORK/medianas.tsv"; }

# Side by side: each run of the benchmark (builds and e-mail) with the current binary and,
# with BENCH_BIN, the previous one.
compare() {
  echo "| Corrida | Pared, anterior | Pared, actual | Actual / anterior | CPU, anterior | CPU, actual | Memoria máxima, anterior | Memoria máxima, actual |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  local l w0 w1 c0 c1 m0 m1 r
  for l in "${labels[@]}" "${EMAILS[@]}"; do
    w1=$(get "$l" "Pared (GNU time)"); c1=$(get "$l" "CPU (usuario + sistema)"); m1=$(get "$l" "Memoria máxima")
    w0=$(get "$l$BEFORE" "Pared (GNU time)"); c0=$(get "$l$BEFORE" "CPU (usuario + sistema)"); m0=$(get "$l$BEFORE" "Memoria máxima")
    r="—"
    [ -n "$w0" ] && r="$(es "$(calc "$w1 / $w0")") ×"
    echo "| $l | $([ -n "$w0" ] && ms_es "$w0" || echo —) | $(ms_es "$w1") | $r | $([ -n "$c0" ] && ms_es "$c0" || echo —) | $(ms_es "$c1") | $([ -n "$m0" ] && mib_es "$m0" || echo —) | $(mib_es "$m1") |"
  done
}
es() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { s = sprintf("%." d "f", x); gsub("\\.", ",", s); print s }'; }
ok() { awk -v c="$1" 'BEGIN { print (c ? "✓ cumplida" : "✗ no cumplida") }'; }

targets() {
  local s s0 w w0 m e n n0
  s=$(get "Muestra" "Pared (GNU time)"); s0=$(get "Muestra$BEFORE" "Pared (GNU time)")
  echo "| Meta | Medido | |"
  echo "|---|---|---|"
  if [ -n "$s0" ]; then
    echo "| Muestra completa (olas I–IV, sitio y todas las fichas HTML): a lo sumo un tercio del binario anterior, o < 0,1 s | $(es "$(calc "$s / 1000")") s contra $(es "$(calc "$s0 / 1000")") s ($(es "$(calc "$s / $s0")") ×) | $(ok "$(calc "$s * 3 <= $s0 || $s < 100")") |"
  else
    echo "| Muestra completa (olas I–IV, sitio y todas las fichas HTML) < 0,1 s (sin binario anterior con qué comparar) | $(es "$(calc "$s / 1000")") s | $(ok "$(calc "$s < 100")") |"
  fi
  if get "10.000" "Pared (GNU time)" | grep -q .; then
    w=$(get "10.000" "Pared (GNU time)"); w0=$(get "10.000$BEFORE" "Pared (GNU time)")
    m=$(get "10.000" "Memoria máxima")
    if [ -n "$w0" ]; then
      echo "| 10.000 iniciativas, sitio y todas las fichas HTML: a lo sumo la mitad del binario anterior | $(es "$(calc "$w / 1000")") s contra $(es "$(calc "$w0 / 1000")") s ($(es "$(calc "$w / $w0")") ×) | $(ok "$(calc "$w * 2 <= $w0")") |"
    fi
    echo "| … con memoria máxima < 256 MiB (la mayor de las corridas) | $(es "$(calc "$m / 1024")" 0) MiB | $(ok "$(calc "$m < 262144")") |"
  fi
  if get "1.000" "Pared (GNU time)" | grep -q . && get "5.000" "Pared (GNU time)" | grep -q . &&
    get "10.000" "Pared (GNU time)" | grep -q .; then
    local a b c r1 r2
    a=$(get "1.000" "Pared (GNU time)"); b=$(get "5.000" "Pared (GNU time)"); c=$(get "10.000" "Pared (GNU time)")
    r1=$(calc "($b - $a) / 4"); r2=$(calc "($c - $b) / 5")
    echo "| … tiempo lineal de 1.000 a 10.000: cada 1.000 iniciativas más cuestan de 5.000 a 10.000 a lo sumo 25 % más que de 1.000 a 5.000 | $(es "$(calc "$r1 / 1000")") s por cada 1.000 de 1.000 a 5.000; $(es "$(calc "$r2 / 1000")") s de 5.000 a 10.000 | $(ok "$(calc "$r2 <= 1.25 * $r1")") |"
    # The same with CPU time, which the machine's other tenants disturb much less than wall
    # time: shown beside the target, not instead of it.
    a=$(get "1.000" "CPU (usuario + sistema)"); b=$(get "5.000" "CPU (usuario + sistema)"); c=$(get "10.000" "CPU (usuario + sistema)")
    r1=$(calc "($b - $a) / 4"); r2=$(calc "($c - $b) / 5")
    echo "| (referencia, no es la meta) lo mismo en tiempo de CPU | $(es "$(calc "$r1 / 1000")") s de CPU por cada 1.000 de 1.000 a 5.000; $(es "$(calc "$r2 / 1000")") s de 5.000 a 10.000 ($(es "$(calc "$r2 / $r1")") veces) | — |"
  fi
  e=$(get "Correo: 100 fichas" "Pared (GNU time)")
  if [ -n "$e" ]; then
    echo "| \`ssme email\` (ensayo) para los 100 directores de la IV ola, con su gráfico en línea < 2 s | $(es "$(calc "$e / 1000")") s | $(ok "$(calc "$e < 2000")") |"
  fi
  n=$(get "10.000 sin fichas" "Pared (GNU time)"); n0=$(get "10.000 sin fichas$BEFORE" "Pared (GNU time)")
  if [ -n "$n" ] && [ -n "$n0" ]; then
    echo "| 10.000 iniciativas sin fichas: no más lento que el binario anterior (a lo sumo 5 % más, el ruido entre corridas) | $(es "$(calc "$n / 1000")") s contra $(es "$(calc "$n0 / 1000")") s ($(es "$(calc "$n / $n0")") ×) | $(ok "$(calc "$n <= 1.05 * $n0")") |"
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
  echo "- Carga de la máquina al empezar: $LOAD; al terminar: $(awk '{ print $1 " / " $2 " / " $3 }' /proc/loadavg | tr . ,) (promedio de 1, 5 y 15 min; por encima de $(nproc), otros procesos compiten por los núcleos)"
  [ -n "$OLD" ] && echo "- Binario anterior (\`BENCH_BIN\`): $OLD, medido en las mismas corridas, alternado con el actual"
  echo "- Corridas: mediana de $RUNS por proyecto (tras una de calentamiento); commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' con cambios sin confirmar')"
}

{
  echo "<!-- bench:inicio (escrito por scripts/bench.sh; no editar a mano) -->"
  echo
  echo "Medido con \`./scripts/bench.sh\`:"
  echo
  machine
  echo
  echo "\`ssme ${BUILD[*]}\` (release; «sin fichas»: \`ssme build\`) con el binario actual, mediana por"
  echo "etapa del registro de etapas; «Pared», «CPU» y «Memoria máxima» (conjunto residente máximo,"
  echo "la mayor de las corridas) son de GNU time para el proceso completo."
  echo
  table
  echo
  echo "Cada corrida lado a lado (medianas; memoria: la mayor de las corridas). «Correo»: \`ssme email\`"
  echo "(ensayo) sobre las fichas recién construidas, cada mensaje con su gráfico en línea y la ficha"
  echo "adjunta (en HTML: el benchmark no imprime PDF)."
  echo
  compare
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
# Every run's figures (project, run, measure, value), to look into a median.
[ -z "${BENCH_RAW:-}" ] || { cp "$RAW" "$BENCH_RAW" && echo "Medidas de cada corrida en $BENCH_RAW"; }
