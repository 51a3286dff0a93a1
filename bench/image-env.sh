# Sourced by the benches: the runtime settings the container image sets (its runtime stage's ENV lines naming DOTNET_* or
# MALLOC_*), so a bench measures the host as the image runs it. image_env fills the array image_settings (NAME=value
# words) for `env "${image_settings[@]}" dotnet ChatOpsJit.Host.dll …`, and prints one line saying what it found.
# IMAGE_ENV=0 leaves it empty.
image_settings=()
image_env() {
  local dockerfile="$1"
  if [ "${IMAGE_ENV:-1}" = 0 ]; then
    echo "   the image's runtime settings: not applied (IMAGE_ENV=0)"
    return
  fi
  mapfile -t image_settings < <(awk '
    /^FROM .* AS runtime/ { runtime = 1; next }
    /^FROM / { runtime = 0 }
    runtime && /^ENV / { env = 1 }
    runtime && env {
      line = $0; sub(/^ENV /, "", line); sub(/\\$/, "", line)
      n = split(line, words, /[ \t]+/)
      for (i = 1; i <= n; i++) if (words[i] ~ /^(DOTNET_|MALLOC_)[A-Za-z0-9_]+=[^ ]+$/) print words[i]
      if ($0 !~ /\\$/) env = 0
    }' "$dockerfile")
  [ "${#image_settings[@]}" -gt 0 ] || { echo "no DOTNET_ or MALLOC_ settings in $dockerfile's runtime stage" >&2; return 1; }
  echo "   the image's runtime settings, applied to the host: ${image_settings[*]}"
}
