#!/usr/bin/env bash
# Checks a built .deb without installing it: unpacks it into a temporary root (dpkg -x),
# checks its control fields and files, then runs the unpacked tunewright-cli and tunewright
# from there (HOME and the working folder in the temporary root too, so nothing is found
# in the build tree or the user's home by accident): --version, a small training study on
# a built-in dataset, its best params and model exported, the model applied to a CSV, and
# the workbench's offscreen screenshot of an example study.
#   bash installer/check-deb.sh PACKAGE.deb [EXPECTED_MARCH]
# ctest runs it as the `package_unpacked` test (label: package slow) after `package_deb`,
# which builds the package.
set -euo pipefail
deb=$(realpath "${1:?usage: check-deb.sh PACKAGE.deb [EXPECTED_MARCH]}")
march="${2:-x86-64-v3}"

fail() { echo "check-deb: $*" >&2; exit 1; }
# expect WHAT TEXT PATTERN: TEXT must contain PATTERN (grep -E).
expect() { grep -Eq -- "$3" <<<"$2" || fail "$1: expected /$3/ in: $2"; }

root=$(mktemp -d "${TMPDIR:-/tmp}/tw-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root/pkg"

# Control fields: the plugins Qt loads at run time are not found by shlibdeps.
depends=$(dpkg-deb -f "$deb" Depends)
for p in libqt6sql6-sqlite qt6-qpa-plugins libqt6core6 libqt6widgets6; do
  expect Depends "$depends" "(^|, )$p( |,|$)"
done
expect Recommends "$(dpkg-deb -f "$deb" Recommends)" "dataset-fashion-mnist"
expect Architecture "$(dpkg-deb -f "$deb" Architecture)" "^amd64$"

for f in usr/bin/tunewright usr/bin/tunewright-cli \
         usr/share/applications/io.github.tunewright.Tunewright.desktop \
         usr/share/metainfo/io.github.tunewright.Tunewright.metainfo.xml \
         usr/share/mime/packages/tunewright.xml \
         usr/share/icons/hicolor/scalable/apps/tunewright.svg \
         usr/share/icons/hicolor/256x256/apps/tunewright.png \
         usr/lib/python3/dist-packages/tunewright/__init__.py; do
  [ -s "$root/pkg/$f" ] || fail "missing from the package: /$f"
done
expect "the MIME type" "$(cat "$root/pkg/usr/share/mime/packages/tunewright.xml")" \
  'application/x-tunewright-experiment'
expect "the .desktop entry" "$(cat "$root/pkg/usr/share/applications/io.github.tunewright.Tunewright.desktop")" \
  '^MimeType=.*application/x-tunewright-experiment'

# The desktop integration as desktops and software centres read it: any error fails.
desktop-file-validate "$root/pkg/usr/share/applications/io.github.tunewright.Tunewright.desktop" ||
  fail "desktop-file-validate rejects the .desktop entry"
appstreamcli validate --no-net "$root/pkg/usr/share/metainfo/io.github.tunewright.Tunewright.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo"
grep -q '<glob pattern="\*\.twx"/>' "$root/pkg/usr/share/mime/packages/tunewright.xml" ||
  fail "the MIME type does not claim *.twx"

# Nothing may point back into the build tree.
if command -v readelf >/dev/null; then
  for b in tunewright tunewright-cli; do
    ! readelf -d "$root/pkg/usr/bin/$b" | grep -Eq 'R(UN)?PATH' || fail "/usr/bin/$b has an RPATH or RUNPATH"
  done
fi

# Run from the unpacked root, with a home and a working folder of its own.
bin="$root/pkg/usr/bin"
mkdir -p "$root/home" "$root/work"
cd "$root/work"
export HOME="$root/home" XDG_DATA_HOME="$root/home/.local/share" XDG_CONFIG_HOME="$root/home/.config"
export XDG_RUNTIME_DIR="$root/home/run" QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

version=$("$bin/tunewright-cli" --version) || fail "tunewright-cli --version exited with $?"
expect "tunewright-cli --version" "$version" '^tunewright-cli [0-9]+\.[0-9]+\.[0-9]+'
expect "tunewright-cli --version" "$version" "-march=$march( |$)"

cat >study.json <<'EOF'
{
  "version": 1,
  "name": "deb-check",
  "metric": "val_accuracy",
  "direction": "maximize",
  "objective": {
    "type": "train",
    "dataset": {"source": "builtin:iris", "split": {"validation": 0.3, "test": 0.2, "seed": 0}},
    "model": {"type": "mlp", "hidden": [8]},
    "training": {"optimizer": "adam", "batch_size": 16, "epochs": 5, "seed": 0}
  },
  "search_space": {
    "training.learning_rate": {"type": "float", "low": 1e-3, "high": 0.1, "log": true}
  },
  "sampler": {"type": "random", "seed": 1},
  "budget": {"trials": 3, "parallel": 1}
}
EOF
store="sqlite://$root/work/check.twx"
"$bin/tunewright-cli" run study.json --storage "$store" >run.log 2>&1 ||
  fail "tunewright-cli run exited with $?: $(tail -n 20 run.log)"
trials=$("$bin/tunewright-cli" trials --storage "$store" --format csv) || fail "trials exited with $?"
[ "$(grep -c ',complete,' <<<"$trials" || true)" -eq 3 ] ||
  fail "expected 3 complete trials, got: $trials"
"$bin/tunewright-cli" export --storage "$store" --best best.json >>cli.log 2>&1 || fail "export --best exited with $?"
expect "export --best" "$(cat best.json)" '"training.learning_rate"'
"$bin/tunewright-cli" export --storage "$store" --best-model model.json >>cli.log 2>&1 ||
  fail "export --best-model exited with $?"
printf 'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n' >new.csv
"$bin/tunewright-cli" predict --model model.json --data new.csv --out predictions.csv >>cli.log 2>&1 ||
  fail "predict exited with $?"
[ "$(grep -c . predictions.csv)" -eq 3 ] || fail "expected a header and 2 predictions, got: $(cat predictions.csv)"
expect "predict" "$(cat predictions.csv)" 'setosa|versicolor|virginica'

# The Python helper, as a command objective's script imports it from the package's folder
# (which Debian's python3 has on its path once installed).
if [ -x /usr/bin/python3 ]; then
  cat >trial.py <<'EOF'
import tunewright as tw
x = tw.param("x", 0.0)
tw.Reporter().on_epoch_end(1, (x - 1) ** 2)
tw.result((x - 1) ** 2)
EOF
  cat >command.json <<EOF
{"version": 1, "name": "deb-python", "direction": "minimize",
 "objective": {"type": "command", "argv": ["/usr/bin/python3", "trial.py"],
               "env": {"PYTHONPATH": "$root/pkg/usr/lib/python3/dist-packages", "PYTHONDONTWRITEBYTECODE": "1"}},
 "search_space": {"x": {"type": "float", "low": 0, "high": 2}},
 "sampler": {"type": "random", "seed": 1}, "budget": {"trials": 3}}
EOF
  "$bin/tunewright-cli" run command.json --storage "$store" >python.log 2>&1 ||
    fail "the command study with the Python helper exited with $?: $(tail -n 20 python.log)"
  trials=$("$bin/tunewright-cli" trials --storage "$store" --study deb-python --format csv) || fail "trials exited with $?"
  [ "$(grep -c ',complete,' <<<"$trials" || true)" -eq 3 ] ||
    fail "expected 3 complete trials of the Python helper's study, got: $trials"
fi

gui=$("$bin/tunewright" --version) || fail "tunewright --version exited with $?"
expect "tunewright --version" "$gui" '^tunewright [0-9]+\.[0-9]+\.[0-9]+'
"$bin/tunewright" --screenshot shot.png --study branin-random >gui.log 2>&1 ||
  fail "tunewright --screenshot exited with $?: $(tail -n 20 gui.log)"
[ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"

echo "check-deb: $(basename "$deb"): control fields, files, --version, a 3-trial study, export, predict, a command study with the Python helper and the workbench's screenshot all work from $root/pkg"
