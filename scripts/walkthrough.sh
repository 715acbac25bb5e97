#!/usr/bin/env bash
# A new user's walkthrough, end to end: the README's tour and bring-your-own-CSV cases through
# ./neuronkit, then the README's Java example in a new Maven project. Every step checks its result
# (exit status, an accuracy or R² above a floor, the files it must write) and the script stops at the
# first failure, naming it. Small data (the bundled digits and diabetes, a generated CSV): a few minutes.
#
#   scripts/walkthrough.sh            clone this repository's HEAD into a temporary folder and walk through it
#   scripts/walkthrough.sh --here     walk through this working tree instead (its build is reused)
#
# The Java step builds offline against the NeuronKit artifacts installed in the Maven repository
# NEURONKIT_M2 (default ~/.m2/repository): install them first (mvn -B -q install -DskipTests), or give
# --install to install nn-core and backend-cpu there. NEURONKIT_WALK_DIR keeps the files (default: a temporary folder).
set -euo pipefail
source_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here=false
install=false
for arg in "$@"; do
  case "$arg" in
    --here) here=true ;;
    --install) install=true ;;
    *) echo "walkthrough: unknown argument $arg (known: --here, --install)" >&2; exit 2 ;;
  esac
done
m2="${NEURONKIT_M2:-$HOME/.m2/repository}"
work="${NEURONKIT_WALK_DIR:-$(mktemp -d /tmp/neuronkit-walk.XXXXXX)}"
mkdir -p "$work"
started=$SECONDS

step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - started)); }
fail() { echo "walkthrough FAILED: $*" >&2; exit 1; }
# expect STATUS CMD...: runs CMD, keeps its output in $work/out and $work/err, and checks its exit status
expect() {
  local want=$1; shift
  set +e
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  set -e
  [[ $got == "$want" ]] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 does not say: $2"; }; }
at_least() { awk -v v="$1" -v f="$2" 'BEGIN { exit !(v >= f) }' || fail "$3 is $1, below the floor $2"; }
json_number() { grep -o "\"$2\" *: *[-0-9.eE]*" "$1" | head -1 | sed 's/.*: *//'; }
# the version the project's root POM pins for a Maven plugin, so that the consumer project builds offline
plugin_version() { awk -v a="<artifactId>$1</artifactId>" 'index($0, a) { on = 1; next } on && /<version>/ {
  gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$repo/pom.xml"; }

if $here; then
  repo="$source_root"
else
  step "a fresh clone of HEAD"
  repo="$work/clone"
  rm -rf "$repo"
  git clone -q "$source_root" "$repo"
fi
nk="$repo/neuronkit"
cd "$work"
rm -rf runs rows.csv labelled.csv model.onnx imported.safetensors ./*.csv consumer

step "README: ./neuronkit train (builds on first use)"
expect 0 "$nk" train --epochs 5 --out runs/digits
contains out "done: test accuracy"
for f in settings.json metrics.csv checkpoint.safetensors model.safetensors report.json loss.png accuracy.png confusion.png; do
  [[ -s runs/digits/$f ]] || fail "the run folder lacks $f"
done
at_least "$(json_number runs/digits/report.json test_accuracy)" 0.85 "digits test accuracy after 5 epochs"

step "tour: --resume extends the run"
expect 0 "$nk" train --resume runs/digits --epochs 6
[[ $(($(wc -l <runs/digits/metrics.csv) - 1)) == 6 ]] || fail "metrics.csv of the extended run does not hold 6 epochs"

step "tour: inspect, eval"
expect 0 "$nk" inspect --model runs/digits
contains out "data digits, split seed 42"
expect 0 "$nk" eval --model runs/digits
at_least "$(sed -n 's/^accuracy \([0-9.]*\).*/\1/p' out)" 0.85 "eval accuracy"

step "tour: data export, then predict on the exported rows"
expect 0 "$nk" data export --data digits --split test --rows 100 --out rows.csv
[[ $(wc -l <rows.csv) == 100 ]] || fail "rows.csv does not hold 100 rows"
expect 0 "$nk" predict --model runs/digits --data rows.csv --top 3 --probabilities
[[ $(wc -l <out) == 101 ]] || fail "predict did not write a header and 100 rows"
expect 0 "$nk" data export --split test --rows 359 --labels --out labelled.csv
expect 0 "$nk" eval --model runs/digits --data labelled.csv
at_least "$(sed -n 's/^accuracy \([0-9.]*\).*/\1/p' out)" 0.85 "eval accuracy on the exported labelled rows"

step "tour: export to ONNX, import it back; an ONNX file given as a model says so"
expect 0 "$nk" export --model runs/digits --format onnx --out model.onnx
[[ -s model.onnx ]] || fail "no model.onnx"
expect 5 "$nk" inspect --model model.onnx
contains err "import --onnx"
expect 0 "$nk" import --onnx model.onnx --out imported.safetensors
[[ -s imported.safetensors ]] || fail "no imported.safetensors"

step "tour: info and completion"
expect 0 "$nk" info
expect 0 "$nk" completion
bash -c "source $work/out && complete -p neuronkit" >/dev/null || fail "the completion script does not register neuronkit"

step "own CSV: ';' with decimal commas, an id column, the label by name, a categorical column, a missing value"
awk 'BEGIN { srand(7); print "id;kind;finish;width;height";
  for (i = 0; i < 300; i++) { c = i % 3; w = 2 * c + rand(); h = rand() * 3 - c;
    ws = (i == 11) ? "NA" : sprintf("%.3f", w); gsub(/\./, ",", ws); hs = sprintf("%.3f", h); gsub(/\./, ",", hs);
    printf "%d;%s;%s;%s;%s\n", 1000 + i, (c == 0 ? "small" : c == 1 ? "medium" : "large"), (i % 4 ? "matt" : "glossy"), ws, hs } }' >shapes.csv
expect 4 "$nk" train --data shapes.csv --label-column kind --ignore-columns id --out runs/shapes-refused
contains err "missing value 'NA'"
contains err "--missing"
expect 0 "$nk" train --data shapes.csv --label-column kind --ignore-columns id --missing mean --hidden 16 --epochs 30 --lr 0.01 \
  --out runs/shapes
contains out "4 features, 3 classes"
at_least "$(json_number runs/shapes/report.json test_accuracy)" 0.8 "shapes test accuracy"
expect 0 "$nk" eval --model runs/shapes
contains out "medium"

step "own CSV: predict on raw rows with the run's CSV options (id left out, decimal commas, one-hot finish, NA filled)"
cut -d';' -f1,3- shapes.csv >shapes-rows.csv
expect 0 "$nk" predict --model runs/shapes --data shapes-rows.csv
[[ $(wc -l <out) == 301 ]] || fail "predict did not write a header and 300 rows"
at_least "$(tail -n +2 shapes.csv | cut -d';' -f2 | paste -d, - <(tail -n +2 out) |
  awk -F, '$1 == $3 { right++ } END { print right / NR }')" 0.8 "predict's accuracy on the raw rows"
sed 's/;matt;/;shiny;/' shapes-rows.csv >shapes-unknown.csv
expect 4 "$nk" predict --model runs/shapes --data shapes-unknown.csv
contains err "unknown category 'shiny'"
expect 0 "$nk" predict --model runs/shapes --data shapes-unknown.csv --unknown-category ignore

step "own CSV: a regression file is refused as classes, then trained with --task regression"
expect 0 "$nk" data export --data diabetes --task regression --split train --rows 442 --labels --out diabetes.csv
expect 4 "$nk" train --data diabetes.csv --out runs/diabetes-refused
contains err "--task regression"
expect 0 "$nk" train --data diabetes.csv --task regression --out runs/diabetes-csv
expect 0 "$nk" train --data diabetes --task regression --out runs/diabetes
at_least "$(json_number runs/diabetes/report.json test_r2)" 0.4 "diabetes R² with default settings"

step "a list given with spaces says to use commas"
expect 2 "$nk" train --hidden 64 32
contains err "--hidden 64,32"

step "Java: the README's example in a new Maven project, built offline"
if $install; then
  (cd "$repo" && mvn -B -q -o install -DskipTests -Dmaven.repo.local="$m2" -pl nn-core,backend-cpu -am) || fail "mvn install"
fi
mkdir -p consumer/src/main/java
readme="$repo/README.md"
awk '/^```xml$/ { on = 1; next } on && /^```$/ { exit } on' "$readme" >consumer/dependencies.xml
awk '/^```java$/ { on = 1; next } on && /^```$/ { exit } on' "$readme" >consumer/src/main/java/DigitsExample.java
grep -q "<artifactId>nn-core</artifactId>" consumer/dependencies.xml || fail "the README has no POM snippet"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>example</groupId><artifactId>consumer</artifactId><version>1</version>'
  echo '<properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>'
  cat consumer/dependencies.xml
  echo '<build><plugins>'
  for plugin in maven-resources-plugin maven-compiler-plugin maven-dependency-plugin; do
    echo "<plugin><artifactId>$plugin</artifactId><version>$(plugin_version $plugin)</version></plugin>"
  done
  echo '</plugins></build></project>'
} >consumer/pom.xml
(cd consumer && mvn -B -q -o -Dmaven.repo.local="$m2" compile dependency:build-classpath -Dmdep.outputFile=classpath.txt \
  >../out 2>&1) || { cat out >&2; fail "the consumer project does not build offline against $m2"; }
(cd consumer && java -cp "target/classes:$(cat classpath.txt)" DigitsExample >../out 2>&1) || { cat out >&2; fail "DigitsExample"; }
at_least "$(sed -n 's/^test accuracy \([0-9.]*\).*/\1/p' out)" 0.9 "the README example's test accuracy"
[[ -s consumer/digits.safetensors ]] || fail "the README example wrote no digits.safetensors"
# its model takes the raw rows predict is given
expect 0 "$nk" eval --model consumer/digits.safetensors --data labelled.csv
at_least "$(sed -n 's/^accuracy \([0-9.]*\).*/\1/p' out)" 0.9 "the README example's model on raw exported rows"

printf '\nwalkthrough passed in %d s (files in %s)\n' $((SECONDS - started)) "$work"
