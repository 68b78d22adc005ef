#!/usr/bin/env bash
# Renders every overlay in k8s/overlays/ and checks the result, with no cluster:
#   1. kubectl kustomize (the seeds are outside the kustomization roots, hence
#      --load-restrictor LoadRestrictionsNone); any warning it prints fails too;
#   2. tests/deploy/check_manifests.py --overlay NAME: the policy check;
#   3. tests/deploy/validate_manifests.mjs: schema validation (kubernetes-models);
# and, once, that both checks can fail: check_manifests.py --self-test, and the
# validator given an invalid object.
#
# Needs kubectl (with its built-in kustomize v5), python3 with PyYAML, node and npm
# (the npm packages are installed with `npm ci` into a temporary directory, from
# tests/deploy/package-lock.json). Runs from any directory. Exits non-zero if
# anything fails; ends with "N passed, M failed", one per step.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

for tool in kubectl python3 node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "render_test: $tool is not installed" >&2
    exit 2
  fi
done
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "render_test: python3 cannot import yaml (Debian: python3-yaml)" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/rakor-render-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
step() {  # step NAME COMMAND...: runs it, prints its output, counts it
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

echo "== npm ci (kubernetes-models, @kubernetes-models/cert-manager, yaml) in $work/node"
mkdir -p "$work/node"
cp "$here/package.json" "$here/package-lock.json" "$here/validate_manifests.mjs" "$work/node/"
if ! (cd "$work/node" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
  cat "$work/npm.log"
  echo "render_test: npm ci failed"
  exit 1
fi

render() {  # render OVERLAY OUT: kubectl kustomize, refusing any warning
  local overlay="$1" out="$2"
  if ! kubectl kustomize --load-restrictor LoadRestrictionsNone "k8s/overlays/$overlay" \
      >"$out" 2>"$out.stderr"; then
    cat "$out.stderr"
    return 1
  fi
  if [ -s "$out.stderr" ]; then
    echo "kubectl kustomize printed warnings:"
    cat "$out.stderr"
    return 1
  fi
  echo "k8s/overlays/$overlay: $(grep -c '^kind:' "$out") objects rendered"
}

overlays=()
for dir in k8s/overlays/*/; do
  overlays+=("$(basename "$dir")")
done
if [ "${#overlays[@]}" -eq 0 ]; then
  echo "render_test: no overlay in k8s/overlays" >&2
  exit 1
fi

for overlay in "${overlays[@]}"; do
  out="$work/$overlay.yaml"
  if ! step "render $overlay" render "$overlay" "$out"; then
    continue
  fi
  case "$overlay" in
    production)
      expect=(--overlay production --expect-kind Deployment=4 --expect-kind PodDisruptionBudget=3
              --expect-kind Service=4 --expect-kind Certificate=4 --expect-kind Cluster=1
              --expect-kind StatefulSet=0) ;;
    dev)
      expect=(--overlay dev --expect-kind StatefulSet=1 --expect-kind Deployment=0
              --expect-kind Certificate=1 --expect-kind Cluster=0) ;;
    *)
      expect=() ;;
  esac
  step "policy check: $overlay" python3 "$here/check_manifests.py" "${expect[@]}" "$out"
  step "schema validation: $overlay" node "$work/node/validate_manifests.mjs" "$out"
done

step "policy check refuses broken manifests (--self-test)" \
  python3 "$here/check_manifests.py" --self-test

# The validator must fail too: a Deployment whose containerPort is not a number.
validator_refuses() {
  cat >"$work/invalid.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: invalid}
spec:
  selector: {matchLabels: {app: invalid}}
  template:
    metadata: {labels: {app: invalid}}
    spec:
      containers: [{name: c, image: "example/c:1", ports: [{containerPort: "http"}]}]
EOF
  if node "$work/node/validate_manifests.mjs" "$work/invalid.yaml" >"$work/invalid.out" 2>&1; then
    cat "$work/invalid.out"
    echo "the validator accepted an invalid Deployment"
    return 1
  fi
  echo "refused, as it should be: $(grep -m1 '^FAIL' "$work/invalid.out")"
}
step "schema validation refuses an invalid object" validator_refuses

echo "== render_test: overlays ${overlays[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
