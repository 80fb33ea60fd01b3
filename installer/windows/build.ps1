# Builds the Windows installer of the VIP Vault desktop app in one command:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -Vcpkg C:\vcpkg
# Needs Visual Studio 2022 (C++ workload, run from its "x64 Native Tools"
# prompt), CMake >= 3.21, Ninja, NSIS 3 (makensis on PATH) and a vcpkg
# checkout. vcpkg builds Qt, QtKeychain, opusfile and libsodium from installer\vcpkg.json
# on the first run (an hour or more; cached afterwards). The result is
# build-windows\VIP Vault-<version>-win64.exe; see docs/packaging.md.
param(
    [Parameter(Mandatory = $true)][string]$Vcpkg,
    [string]$BuildDir = "build-windows"
)
$ErrorActionPreference = "Stop"
$Source = Resolve-Path "$PSScriptRoot\..\.."
$Triplet = "x64-windows"

cmake -S $Source -B $BuildDir -G Ninja `
    -DCMAKE_BUILD_TYPE=Release `
    -DVIPVAULT_APP_ONLY=ON `
    -DCMAKE_TOOLCHAIN_FILE="$Vcpkg\scripts\buildsystems\vcpkg.cmake" `
    -DVCPKG_MANIFEST_DIR="$Source\installer" `
    -DVCPKG_TARGET_TRIPLET=$Triplet `
    -DPKG_CONFIG_EXECUTABLE="$BuildDir\vcpkg_installed\$Triplet\tools\pkgconf\pkgconf.exe"
if ($LASTEXITCODE -ne 0) { throw "configure failed" }
cmake --build $BuildDir --config Release
if ($LASTEXITCODE -ne 0) { throw "build failed" }
# Installs into a staging folder (windeployqt runs there through Qt's
# deployment script), then wraps it with NSIS.
Push-Location $BuildDir
try {
    cpack -G NSIS -C Release
    if ($LASTEXITCODE -ne 0) { throw "cpack failed" }
} finally {
    Pop-Location
}
Get-ChildItem "$BuildDir\*.exe" | Where-Object { $_.Name -like "vipvault-*" -or $_.Name -like "VIP Vault-*" }
