#!/usr/bin/env bash
# Installs the `emulator` command from this clone: a Release publish of src/Host into
# $EMULATOR_HOME (default ~/.local/share/emulator) and a wrapper script $EMULATOR_BIN/emulator
# (default ~/.local/bin/emulator) that runs it with the installed .NET runtime. Run it again after
# pulling to update: it replaces the previous install (idempotent). Needs the .NET 10 SDK.
# The window needs GLFW 3 and Mesa's OpenGL: installed with apt when missing and root (or sudo
# without a password) is available; otherwise the script says what to install and the emulator
# runs headless until then.
# Usage: bash scripts/install.sh        Uninstall: rm -rf ~/.local/share/emulator ~/.local/bin/emulator
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

home_dir=${EMULATOR_HOME:-"$HOME/.local/share/emulator"}
bin_dir=${EMULATOR_BIN:-"$HOME/.local/bin"}

command -v dotnet >/dev/null 2>&1 || { echo "install: the .NET SDK is not installed (dotnet not found): see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }

# Framework-dependent Release publish; on x64 Linux compiled ahead of time (ReadyToRun) as the
# Release build is, so the command starts as fast as src/Host/bin/Release does.
publish_args=(-c Release -v quiet -nologo --self-contained false -p:_ReadyToRunNested=true) # the publish itself is the ReadyToRun step
if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then
  publish_args+=(-r linux-x64)
else
  publish_args+=(-p:PublishReadyToRun=false)
fi
staging="$home_dir.new"
rm -rf "$staging"
mkdir -p "$(dirname "$home_dir")" "$bin_dir"
echo "install: publishing src/Host (Release) into $home_dir" >&2
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$repo/src/Host/Emulator.Host.csproj" "${publish_args[@]}" -o "$staging" >/dev/null
rm -rf "$home_dir"
mv "$staging" "$home_dir"

wrapper="$bin_dir/emulator"
dotnet_path=$(command -v dotnet) # the one that built it, also when it is not on a login shell's PATH
cat > "$wrapper.tmp" <<WRAPPER
#!/bin/sh
# The emulator installed by $repo/scripts/install.sh.
exec "$dotnet_path" "$home_dir/emulator.dll" "\$@"
WRAPPER
chmod 755 "$wrapper.tmp"
mv "$wrapper.tmp" "$wrapper"
echo "install: $wrapper -> $home_dir/emulator.dll" >&2

# The window's libraries (not needed headless).
missing=()
if command -v dpkg >/dev/null 2>&1; then
  dpkg -s libglfw3 >/dev/null 2>&1 || missing+=(libglfw3)
  dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || missing+=(libgl1-mesa-dri)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "install: installing the window's libraries: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
      || echo "install: could not install ${missing[*]}; the emulator runs headless until they are installed" >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "install: installing the window's libraries: ${missing[*]}" >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "install: could not install ${missing[*]}; the emulator runs headless until they are installed" >&2
  else
    echo "install: for the window, install: sudo apt-get install ${missing[*]} (until then the emulator runs headless)" >&2
  fi
fi

case ":$PATH:" in
  *":$bin_dir:"*) echo "install: done; try: emulator run samples/bin/demo.elf" >&2 ;;
  *) echo "install: done; $bin_dir is not on PATH: add it (e.g. echo 'export PATH=\"$bin_dir:\$PATH\"' >> ~/.profile, then log in again), or run $wrapper" >&2 ;;
esac
