#!/usr/bin/env bash
# What can be checked of the Dockerfile without a Docker engine (none runs here):
#   1. it is multi-stage and its runtime stage runs as a non-root user;
#   2. it ships every binary the build makes (each add_executable(rakor...) of
#      services/ and clients/);
#   3. every shared library those binaries load, as built in BUILD_DIR, belongs to a
#      Debian package that the runtime stage's apt-get install brings in (directly
#      or as a dependency), so the slim image can start them.
# Usage: tests/deploy/check_dockerfile.sh BUILD_DIR. Ends with "N passed, M failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:?usage: check_dockerfile.sh BUILD_DIR}" && pwd)"
dockerfile="$root/Dockerfile"
passed=0
failed=0
check() {  # check DESCRIPTION RESULT(0 ok)
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}

stages=$(grep -c '^FROM ' "$dockerfile")
[ "$stages" -ge 2 ]
check "multi-stage ($stages stages)" $?
user=$(awk '/^FROM /{u=""} /^USER /{u=$2} END{print u}' "$dockerfile")
[ -n "$user" ] && [ "${user%%:*}" != "0" ] && [ "${user%%:*}" != "root" ]
check "the runtime stage runs as a non-root user ($user)" $?

mapfile -t binaries < <(grep -rhoE 'add_executable\((rakor[a-z-]*)' "$root/services" "$root/clients" \
  --include=CMakeLists.txt | sed 's/add_executable(//' | sort -u)
[ ${#binaries[@]} -ge 6 ]
check "found the binaries: ${binaries[*]}" $?
for b in "${binaries[@]}"; do
  grep -qE "/$b( |\\\\|$)" "$dockerfile"
  check "the image ships $b" $?
done

# The runtime stage's packages and everything they depend on.
runtime=$(awk '/^FROM /{stage++} stage==2' "$dockerfile" | sed -n '/apt-get install/,/&&/p' |
  tr ' \\' '\n\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' | grep -vE '^(apt-get|install|update|rm|y|q)$')
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $runtime 2>/dev/null | grep -E '^[a-z0-9]' | sed 's/:.*//' | sort -u)
[ -n "$closure" ]
check "apt-cache resolves the runtime packages ($(echo $runtime | wc -w) named)" $?
# Each binary's libraries, then their packages in one dpkg query (one per library is
# slow: dpkg reads its whole database each time).
declare -A libs_of
for b in "${binaries[@]}"; do
  file=$(find "$build" -name "$b" -type f -perm -u+x | head -1)
  if [ -z "$file" ]; then check "$b is built in $build" 1; continue; fi
  libs_of[$b]=$(ldd "$file" | awk '$3 ~ /^\// {print $3}')
done
declare -A package_of
while IFS= read -r line; do  # "package[:arch]: /path"
  package_of[${line#*: }]=${line%%:*}
done < <(printf '%s\n' ${libs_of[@]} | sort -u | while read -r lib; do echo "$lib"; echo "/usr$lib"; done |
  xargs dpkg -S 2>/dev/null)
for b in "${!libs_of[@]}"; do
  missing=()
  for lib in ${libs_of[$b]}; do
    pkg=${package_of[$lib]:-${package_of[/usr$lib]:-}}
    if [ -z "$pkg" ] || ! grep -qx "$pkg" <<<"$closure"; then missing+=("$lib${pkg:+ ($pkg)}"); fi
  done
  [ ${#missing[@]} -eq 0 ]
  check "every library $b loads is in the runtime image${missing:+; missing: ${missing[*]}}" $?
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
