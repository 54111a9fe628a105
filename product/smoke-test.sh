#!/bin/sh
# Smoke test of the materialized product, run by the build after the product is assembled
# (`./mvnw verify`): the headless application lists the installed components, and the workbench
# starts under the current display, shows a window titled "Choreolab" and, in its Components view,
# exactly the components the headless application lists. Prints "N passed, N failed".
set -u
product="$1"
work="$2"
rm -rf "$work" && mkdir -p "$work"
export CHOREOLAB_STATE="$work/state"
passed=0 failed=0
check() { # check NAME COMMAND...
  name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

"$product/choreolab" components --json > "$work/components.json" 2> "$work/components.err"
check "components --json exits 0" [ $? -eq 0 ]
# The first light command on a fresh state records the JDK's ahead-of-time cache (JDK 25+); the second
# maps it. Both print the same, and nothing of the JVM's own.
"$product/choreolab" components --json > "$work/components-2.json" 2> "$work/components-2.err"
check "components --json prints the same with the ahead-of-time cache" cmp -s "$work/components.json" "$work/components-2.json"
check "the ahead-of-time cache prints nothing of its own" sh -c "! grep -qi 'aot' '$work/components.err' '$work/components-2.err' \
  && head -c 1 '$work/components.json' | grep -q '[[{]'"
if (. "$product/find-jdk.sh" && [ "$(choreolab_java_release "$JAVA_HOME")" -ge 25 ]); then
  check "the first light command wrote the ahead-of-time cache" sh -c "ls '$CHOREOLAB_STATE'/configuration-*-jdk*.aot > /dev/null 2>&1"
  # A damaged cache: the JVM checks it and starts without it.
  for f in "$CHOREOLAB_STATE"/configuration-*-jdk*.aot; do
    cp "$f" "$work/aot.bak" && dd if=/dev/urandom of="$f" bs=4096 count=1 seek=500 conv=notrunc 2>/dev/null
    "$product/choreolab" --version > "$work/version.txt" 2>&1
    check "a damaged ahead-of-time cache is ignored" sh -c "[ $? -eq 0 ] && grep -q '^Choreolab ' '$work/version.txt'"
    mv "$work/aot.bak" "$f"
  done
fi
python_free_ids() { sed -n 's/^ *"id" : "\(.*\)",$/\1/p' "$work/components.json" | sort; }
python_free_ids > "$work/cli-ids.txt"

CHOREOLAB_JAVA_OPTS="-Dchoreolab.selftest=$work/selftest.txt -Dchoreolab.selftest.watch=fact-pytorch" timeout 300 "$product/choreolab" workbench \
  > "$work/workbench.log" 2>&1
check "workbench exits 0 after its self-test" [ $? -eq 0 ]
check "workbench wrote its self-test report" [ -s "$work/selftest.txt" ]
check "window titled Choreolab is shown" grep -q "^window	Choreolab	true$" "$work/selftest.txt"
check "the workbench starts without e4's missing-theme warning" sh -c "! grep -q 'Theme .* not found' '$work/workbench.log'"
check "Components view is open" grep -q "^part	org.choreolab.ui.part.components	Components$" "$work/selftest.txt"
check "the Watch view plays the ground truth beside FACT" grep -q "^watch	Ground truth,FACT (PyTorch)	true	true$" "$work/selftest.txt"
awk -F'\t' '$1 == "component" { print $3 }' "$work/selftest.txt" | sort > "$work/ui-ids.txt"
check "Components view lists what the CLI lists" cmp -s "$work/cli-ids.txt" "$work/ui-ids.txt"
check "the AIST++ reader and the metrics are installed" grep -qx aistpp "$work/cli-ids.txt"
check "the metrics are installed" grep -qx fid_k "$work/cli-ids.txt"
(cd "$work" && "$product/choreolab" evaluate --out "$work/eval" > "$work/evaluate.log" 2>&1)
check "evaluate on the embedded sample exits 0" [ $? -eq 0 ]
check "evaluate writes results.json" [ -s "$work/eval/results.json" ]
check "evaluate writes the Markdown table with the ground-truth row" grep -q '^| \*Ground truth\* | none | 20/20 |' "$work/eval/results.md"
check "FACT runs on PyTorch and on MXNet beside the baselines" sh -c "grep -q '^| FACT (PyTorch) | PyTorch | 20/20 |' '$work/eval/results.md' \
  && grep -q '^| FACT (MXNet) | MXNet | 20/20 |' '$work/eval/results.md' && grep -q '^| Random training clip | none | 20/20 |' '$work/eval/results.md'"
# Engines: each in its own bundle, natives from the product's jars (no network), listed with versions.
"$product/choreolab" engines > "$work/engines.txt" 2>&1
check "three engines load offline (PyTorch, MXNet, OnnxRuntime)" sh -c "grep -q '^PyTorch  *2\.7' '$work/engines.txt' \
  && grep -q '^MXNet  *1\.9' '$work/engines.txt' && grep -q '^OnnxRuntime  *1\.21' '$work/engines.txt'"
# With no network at all (a fresh state, so the natives come out of the product's jars): where the
# machine allows a private network namespace.
if unshare -n true 2>/dev/null; then
  CHOREOLAB_STATE="$work/offline-state" unshare -n "$product/choreolab" engines > "$work/engines-offline.txt" 2>&1
  check "the engines load with no network and an empty cache" sh -c "grep -q '^PyTorch  *2\.7' '$work/engines-offline.txt' \
    && grep -q '^MXNet  *1\.9' '$work/engines-offline.txt' && grep -q '^OnnxRuntime  *1\.21' '$work/engines-offline.txt'"
fi
(cd "$work" && "$product/choreolab" generate --generator fact --engine MXNet \
  --split test --frames 200 --out "$work/generated" > "$work/generate.log" 2>&1)
check "generate writes AIST++ .pkl and joints .npy" sh -c "ls '$work'/generated/motions/*.pkl && ls '$work'/generated/joints/*.npy" > /dev/null 2>&1
"$product/choreolab" train fact --epochs 1 -o hidden=16 -o heads=2 -o intermediate=32 -o stride=64 --out "$work/trained" > "$work/train.log" 2>&1
check "train fact writes a model (fact.json + fact.params)" sh -c "[ -s '$work/trained/fact.params' ] && grep -q epochLoss '$work/trained/fact.json'"
if ! cmp -s "$work/cli-ids.txt" "$work/ui-ids.txt"; then
  echo "cli:"; cat "$work/cli-ids.txt"; echo "workbench:"; cat "$work/ui-ids.txt"; tail -n 30 "$work/workbench.log"
fi
# kill -9 in the middle of a run, then the same command again: the result equals the uninterrupted one.
# (the baselines only: FACT's autoregression makes a full run a few minutes)
"$product/choreolab" evaluate --generators random-clip,nearest-music --out "$work/killed" --quiet > /dev/null 2>&1 &
pid=$!
sleep 4
kill -9 "$pid" 2>/dev/null && echo "killed evaluate after 4 s ($(wc -l < "$work/killed/sequences.jsonl" 2>/dev/null || echo 0) lines written)"
wait "$pid" 2>/dev/null
(cd "$work" && "$product/choreolab" evaluate --generators random-clip,nearest-music --out "$work/killed" --quiet > "$work/resumed.log" 2>&1)
(cd "$work" && "$product/choreolab" evaluate --generators random-clip,nearest-music --out "$work/baselines" --quiet > /dev/null 2>&1)
check "a run killed with -9 resumes and finishes" [ $? -eq 0 ]
check "the resumed table equals the uninterrupted one" cmp -s "$work/baselines/results.md" "$work/killed/results.md"
# A model bundle built on its own against the p2 repository, dropped into a running workbench,
# installed and removed from the command line; broken bundles are refused.
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/mvnw" -B -q -f "$root/examples/model-bundle/pom.xml" package \
  -Dchoreolab.repository="file:$root/product/target/repository" > "$work/example-build.log" 2>&1
check "the example model bundle builds against the p2 repository alone" [ $? -eq 0 ]
example=$(ls "$root"/examples/model-bundle/target/org.example.choreolab.mirror-*.jar 2>/dev/null | head -n 1)
dropins="$product/dropins"
rm -f "$dropins"/*.jar
CHOREOLAB_JAVA_OPTS="-Dchoreolab.selftest=$work/dropin-selftest.txt -Dchoreolab.selftest.waitfor=example-mirror" \
  timeout 180 "$product/choreolab" workbench > "$work/dropin-workbench.log" 2>&1 &
wb=$!
sleep 6
cp "$example" "$dropins/"
wait "$wb"
check "a jar dropped into dropins/ appears in the running workbench" grep -q "^component	Generators	example-mirror	" "$work/dropin-selftest.txt"
rm -f "$dropins"/*.jar
"$product/choreolab" install "$example" > "$work/install.log" 2>&1
check "choreolab install accepts the example" grep -q "generators \[example-mirror\]" "$work/install.log"
"$product/choreolab" components --json > "$work/components-installed.json" 2>&1
check "components lists the installed generator" grep -q '"id" : "example-mirror"' "$work/components-installed.json"
(cd "$work" && "$product/choreolab" evaluate --generators example-mirror --metrics bas --out "$work/example-eval" --quiet > /dev/null 2>&1)
check "evaluate includes the installed generator" grep -q "^| Example: mirrored training dance | none | 20/20 |" "$work/example-eval/results.md"
"$product/choreolab" uninstall example-mirror > "$work/uninstall.log" 2>&1
"$product/choreolab" components --json > "$work/components-after.json" 2>&1
check "uninstall removes it" sh -c "! grep -q example-mirror '$work/components-after.json'"
mkdir -p "$work/broken/META-INF"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: broken.engine\nBundle-Version: 1.0.0\nRequire-Capability: choreolab.engine;filter:="(engine=TensorRT)"\n' > "$work/broken/META-INF/MANIFEST.MF"
(cd "$work/broken" && "${JAVA_HOME:-/usr}/bin/jar" cfm "$work/broken.jar" META-INF/MANIFEST.MF 2>/dev/null || zip -q -r "$work/broken.jar" META-INF)
"$product/choreolab" install "$work/broken.jar" > "$work/broken.log" 2>&1
check "a bundle needing a missing engine is refused with the reason" grep -q "does not resolve.*choreolab.engine" "$work/broken.log"
check "and nothing was installed" sh -c "! ls '$dropins'/*.jar >/dev/null 2>&1"
# The TorchScript example (a bundle with no code, model made by Debian's python3-torch) beside FACT on
# both engines and the baselines, in one table.
"$root/mvnw" -B -q -f "$root/examples/torchscript-bundle/pom.xml" package \
  -Dchoreolab.repository="file:$root/product/target/repository" > "$work/ts-build.log" 2>&1
check "the TorchScript example bundle builds against the p2 repository alone" [ $? -eq 0 ]
ts=$(ls "$root"/examples/torchscript-bundle/target/org.example.choreolab.holdandsway-*.jar 2>/dev/null | head -n 1)
"$product/choreolab" install "$ts" > "$work/ts-install.log" 2>&1
check "choreolab install accepts the TorchScript example" grep -q "generators \[hold-and-sway\]" "$work/ts-install.log"
# The same experiment (every installed generator) resumed in the first run's folder: what was computed
# is kept, only the new generator runs.
(cd "$work" && "$product/choreolab" evaluate --out "$work/eval" --quiet > /dev/null 2>&1)
cp "$work/eval/results.md" "$work/side-by-side.md"
check "evaluate compares FACT (PyTorch), FACT (MXNet), the baselines and the TorchScript model" sh -c "grep -q '^| Hold and sway (TorchScript example) | PyTorch | 20/20 |' '$work/side-by-side.md' \
  && grep -q '^| FACT (MXNet) | MXNet | 20/20 |' '$work/side-by-side.md' && grep -q '^| Nearest neighbour by music features | none | 20/20 |' '$work/side-by-side.md'"
"$product/choreolab" uninstall hold-and-sway > /dev/null 2>&1

# --- A hostile model bundle fails alone; runs and state never collide (issue #16) -------------------
# Three hostile generators (System.exit, an exhausted heap, a native crash through JNA), built against
# the p2 repository like any third-party bundle, beside a baseline: the baseline's results are
# complete, each hostile generator is named as failed, the exit code says so (3). A fourth bundle,
# whose activator throws, dropped into dropins/, is one line per command, never a stack trace.
"$root/mvnw" -B -q -f "$root/examples/hostile/pom.xml" package \
  -Dchoreolab.repository="file:$root/product/target/repository" > "$work/hostile-build.log" 2>&1
check "the hostile example bundles build against the p2 repository alone" [ $? -eq 0 ]
for m in exit heap crash; do
  "$product/choreolab" install "$(ls "$root"/examples/hostile/$m/target/org.example.choreolab.hostile.$m-*.jar | head -n 1)" \
    >> "$work/hostile-install.log" 2>&1
done
check "choreolab install accepts the three hostile generators" sh -c "grep -q 'generators \[hostile-exit\]' '$work/hostile-install.log' \
  && grep -q 'generators \[hostile-heap\]' '$work/hostile-install.log' && grep -q 'generators \[hostile-crash\]' '$work/hostile-install.log'"
cp "$(ls "$root"/examples/hostile/activator/target/org.example.choreolab.hostile.activator-*.jar | head -n 1)" "$dropins/"
# A 512 MB heap for the workers: the heap-filler takes less of a shared machine's memory to fail.
(cd "$work" && CHOREOLAB_JAVA_OPTS="-Dchoreolab.worker.heap=512m" "$product/choreolab" evaluate \
  --generators random-clip,hostile-exit,hostile-heap,hostile-crash --metrics fid_k,div_k,bas --out "$work/hostile-eval" --quiet \
  > "$work/hostile-eval.log" 2>&1)
rc=$?
check "evaluate with hostile generators exits 3 (results written, generators failed)" [ "$rc" -eq 3 ]
check "the baseline's results are complete beside them" grep -q '^| Random training clip | none | 20/20 |' "$work/hostile-eval/results.md"
check "hostile-exit is named as failed: the guard refused its System.exit" \
  grep -q 'generator failed: hostile-exit: 20 of 20 sequences (.*org.example.choreolab.hostile.exit .* called System.exit(0): refused' "$work/hostile-eval.log"
check "hostile-heap is named as failed: out of memory in its worker" \
  grep -q 'generator failed: hostile-heap: 20 of 20 sequences (.*ran out of memory in its worker process' "$work/hostile-eval.log"
check "hostile-crash is named as failed: SIGSEGV in its worker" \
  grep -q 'generator failed: hostile-crash: 20 of 20 sequences (.*crashed its worker process (SIGSEGV in native code' "$work/hostile-eval.log"
"$product/choreolab" components > "$work/hostile-components.log" 2>&1
for log in hostile-eval hostile-components; do
  check "$log: the failing activator is one line (name, version, message), no stack trace" sh -c "
    [ \$(grep -c 'org.example.choreolab.hostile.activator' '$work/$log.log') -eq 1 ] \
    && grep -q 'org.example.choreolab.hostile.activator 1.0.0.* fails to start: its activator threw IllegalStateException: license server unreachable' '$work/$log.log' \
    && ! grep -q '^	at ' '$work/$log.log'"
done
if [ "$rc" -ne 3 ] || grep -q '^	at ' "$work/hostile-eval.log"; then tail -n 40 "$work/hostile-eval.log"; fi
for g in hostile-exit hostile-heap hostile-crash; do "$product/choreolab" uninstall $g > /dev/null 2>&1; done
rm -f "$dropins"/org.example.choreolab.hostile.*.jar

# Several commands on one CHOREOLAB_STATE at once (each takes its own configuration area from the
# launcher's pool): 4 components and an evaluate, all exit 0, no stack trace.
for i in 1 2 3 4; do
  ( "$product/choreolab" components > "$work/concurrent-$i.log" 2>&1; echo $? > "$work/concurrent-$i.rc" ) &
done
( cd "$work" && "$product/choreolab" evaluate --generators random-clip --metrics fid_k,bas --out "$work/concurrent-eval" --quiet \
  > "$work/concurrent-5.log" 2>&1; echo $? > "$work/concurrent-5.rc" ) &
wait
check "5 commands at once on one state all exit 0" sh -c "[ \"\$(cat '$work'/concurrent-*.rc | sort -u)\" = 0 ]"
check "and none prints a stack trace or an OSGi error" sh -c "! grep -l -e '^	at ' -e 'Exception' -e '^!ENTRY' '$work'/concurrent-*.log"
# Two runs on the same --out: the second is refused, naming the first's pid and host; no pair twice.
( cd "$work" && "$product/choreolab" evaluate --generators random-clip,nearest-music --metrics fid_k --out "$work/same-out" --quiet \
  > "$work/same-out-1.log" 2>&1; echo $? > "$work/same-out-1.rc" ) &
first=$!
for i in $(seq 1 300); do [ -s "$work/same-out/.choreolab.lock" ] && break; sleep 1; done
(cd "$work" && "$product/choreolab" evaluate --generators random-clip,nearest-music --metrics fid_k --out "$work/same-out" --quiet \
  > "$work/same-out-2.log" 2>&1)
rc=$?
wait "$first"
check "a second run on the same --out is refused with the first's pid and host" sh -c "[ $rc -eq 1 ] \
  && grep -q 'same-out is in use by another run (pid [0-9]* on host ' '$work/same-out-2.log'"
check "the first run completes, and sequences.jsonl holds no pair twice" sh -c "[ \"\$(cat '$work/same-out-1.rc')\" = 0 ] \
  && [ -z \"\$(sed -n 's/.*\"sequence\":\"\([^\"]*\)\".*\"generator\":\"\([^\"]*\)\".*/\2 \1/p' '$work/same-out/sequences.jsonl' | sort | uniq -d)\" ]"
# A full disk (a 64 KB tmpfs in a private mount namespace, where the machine allows one): the run
# fails with a message naming the file, and leaves no temporary file behind.
if unshare -m true 2>/dev/null; then
  mkdir -p "$work/full"
  unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$work/full' && cd '$work' && '$product/choreolab' evaluate --generators random-clip \
    --metrics fid_k,div_k,bas --out '$work/full/out' --quiet > '$work/full.log' 2>&1; echo \$? > '$work/full.rc'; \
    find '$work/full' -name '*.tmp' > '$work/full-tmp.txt'"
  check "a full disk: evaluate fails with a message naming the file" sh -c "[ \"\$(cat '$work/full.rc')\" = 1 ] \
    && grep -q \"$work/full/out/.*: No space left on device\" '$work/full.log'"
  check "a full disk leaves no *.tmp file" sh -c "[ -f '$work/full-tmp.txt' ] && [ ! -s '$work/full-tmp.txt' ]"
fi

# Exported models, contract v2 (examples/edge-bundle, examples/bailando-bundle, examples/models): EDGE's
# shapes (windowed, 6-D rotations with foot contacts, z up, 30 fps) and Bailando's (whole dance, joints,
# 7.5-fps music, 8-frame seed) built as bundles against the p2 repository and installed; the folder models
# (SMPL axis-angle autoregressive on ONNX, 6-D windows reading their overlap on PyTorch) read from
# CHOREOLAB_MODELS; all evaluated. A folder model whose file does not fit its descriptor is refused with
# the shapes named, and the others go on.
for ex in edge-bundle bailando-bundle; do
  "$root/mvnw" -B -q -f "$root/examples/$ex/pom.xml" package \
    -Dchoreolab.repository="file:$root/product/target/repository" > "$work/v2-$ex-build.log" 2>&1
  check "the $ex example builds against the p2 repository alone" [ $? -eq 0 ]
done
v2edge=$(ls "$root"/examples/edge-bundle/target/org.example.choreolab.edgeshaped-*.jar 2>/dev/null | head -n 1)
v2bail=$(ls "$root"/examples/bailando-bundle/target/org.example.choreolab.bailandoshaped-*.jar 2>/dev/null | head -n 1)
"$product/choreolab" install "$v2edge" > "$work/v2-edge-install.log" 2>&1
check "choreolab install accepts the EDGE-shaped example" grep -q "generators \[edge-shaped\]" "$work/v2-edge-install.log"
"$product/choreolab" install "$v2bail" > "$work/v2-bailando-install.log" 2>&1
check "choreolab install accepts the Bailando-shaped example" grep -q "generators \[bailando-shaped\]" "$work/v2-bailando-install.log"
mkdir -p "$work/v2-models/misfit"
cp -r "$root/examples/models/sway-axis-angle" "$root/examples/models/sway-rot6d" "$work/v2-models/"
cp "$root/examples/edge-bundle/model/edge-shaped.pt" "$work/v2-models/misfit/"
sed -e 's/"id": "edge-shaped"/"id": "misfit"/' -e 's/"name": "[^"]*"/"name": "Misfit"/' -e 's/"contacts": true/"contacts": false/' \
  "$root/examples/edge-bundle/model/model.json" > "$work/v2-models/misfit/model.json"
(cd "$work" && CHOREOLAB_MODELS="$work/v2-models" "$product/choreolab" evaluate --metrics bas,pfc --out "$work/v2-eval" --quiet \
  --generators edge-shaped,bailando-shaped,sway-axis-angle,sway-rot6d,misfit > "$work/v2-eval.log" 2>&1)
check "evaluate runs the EDGE- and Bailando-shaped bundles and the folder models on every test sequence" sh -c "\
  grep -q '^| EDGE-shaped windows (TorchScript example) | PyTorch | 20/20 |' '$work/v2-eval/results.md' \
  && grep -q '^| Bailando-shaped whole dance (ONNX example) | OnnxRuntime | 20/20 |' '$work/v2-eval/results.md' \
  && grep -q '^| Hold and sway, axis-angle (ONNX folder example) | OnnxRuntime | 20/20 |' '$work/v2-eval/results.md' \
  && grep -q '^| Hold and sway, 6-D windows (TorchScript folder example) | PyTorch | 20/20 |' '$work/v2-eval/results.md'"
check "a model whose output does not fit its descriptor is refused with the shapes named" sh -c "\
  grep -q '^| Misfit | PyTorch | 0/20 |' '$work/v2-eval/results.md' && grep -q 'edge-shaped.pt: the model returns \[1, 150, 151\] for music \[1, 150, 35\]; .*misfit/model.json declares rot6d frames without contacts, z up (147 values) in windowed mode, which needs \[1, 150, 147\]' '$work/v2-eval/sequences.jsonl'"
(cd "$work" && "$product/choreolab" generate --generator bailando-shaped --split test --frames 240 --out "$work/v2-generated" \
  > "$work/v2-generate.log" 2>&1)
check "generate writes joints, and no AIST++ .pkl, for the joint-position model" sh -c \
  "ls '$work'/v2-generated/joints/*.npy > /dev/null 2>&1 && ! ls '$work'/v2-generated/motions/*.pkl > /dev/null 2>&1"
"$product/choreolab" uninstall edge-shaped > /dev/null 2>&1
"$product/choreolab" uninstall bailando-shaped > /dev/null 2>&1
if ! grep -q '| 20/20 |' "$work/v2-eval/results.md" 2>/dev/null; then
  tail -n 20 "$work/v2-eval.log" "$work"/v2-*-build.log 2>/dev/null
fi

# A real Slurm run (when a cluster answers, as .ci/run starts one on localhost): a 4-task array and the
# dependent merge give exactly the table of a single run of the same experiment.
skipped=0
if command -v sinfo >/dev/null 2>&1 && sinfo -h -o %T 2>/dev/null | grep -Eq 'idle|mixed|alloc'; then
  printf '{"generators": ["random-clip"], "metrics": ["fid_k", "div_k", "bas"]}\n' > "$work/slurm-exp.json"
  (cd "$work" && "$product/choreolab" evaluate --config "$work/slurm-exp.json" --out "$work/single" --quiet > /dev/null 2>&1)
  "$product/choreolab" slurm --experiment "$work/slurm-exp.json" --shards 4 --cpus 1 --mem 1G --time 00:20:00 \
    --out "$work/slurm" --submit > "$work/slurm-submit.log" 2>&1
  check "slurm --submit submits the array and the merge" [ $? -eq 0 ]
  for i in $(seq 1 300); do
    [ -s "$work/slurm/merged/results.md" ] && break
    sleep 1
  done
  check "the merge job wrote the merged table" [ -s "$work/slurm/merged/results.md" ]
  check "4 Slurm shards + merge equal a single run" cmp -s "$work/single/results.md" "$work/slurm/merged/results.md"
  if ! cmp -s "$work/single/results.md" "$work/slurm/merged/results.md"; then
    cat "$work/slurm-submit.log"; tail -n 20 "$work"/slurm/slurm/*.log 2>/dev/null
  fi
else
  echo "skipped: no Slurm cluster answers (sinfo); .ci/run starts one on localhost"
  skipped=1
fi
echo "smoke: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
