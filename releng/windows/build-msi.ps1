# Builds the Windows installer of MotCua Desk (per-user MSI: own Java runtime, start-menu entries for normal and
# training mode, fixed upgrade code). Runs on a Windows build machine; see README.md next to it, step by step.
#   powershell -ExecutionPolicy Bypass -File build-msi.ps1 -Zip motcua-desk-0.1.0-win32.win32.x86_64.zip [-MsiVersion 0.1.26341] [-NoAot]
param(
    [Parameter(Mandatory = $true)][string]$Zip,
    [string]$MsiVersion = "",
    [string]$Out = "out",
    [switch]$NoAot
)
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
# Never change it: Windows recognises later MSIs of MotCua Desk as upgrades of this one by this code.
$UpgradeCode = "6b1f3c2e-8a4d-4f7b-9e2a-5c0d7e9f1a36"

if (-not $env:JAVA_HOME -or -not (Test-Path "$env:JAVA_HOME\bin\jpackage.exe")) {
    throw "Set JAVA_HOME to a JDK 25 (the same feature version as the Linux build), e.g. Temurin 25 for Windows x64."
}
$jdk = $env:JAVA_HOME
if (-not (Get-Command wix.exe -ErrorAction SilentlyContinue) -and -not (Get-Command candle.exe -ErrorAction SilentlyContinue)) {
    throw "jpackage needs the WiX Toolset on the PATH to make an MSI (WiX 4 or 5 for JDK 24 and later: dotnet tool install --global wix)."
}

$work = Join-Path $Out "work"
Remove-Item -Recurse -Force $Out -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $work | Out-Null

# 1. The client product as the Linux build made it for Windows (bundles, configuration, motcua.ini, motcua.cmd,
#    motcua-version.properties, release-certificate.pem).
Expand-Archive -Path $Zip -DestinationPath $work
$app = Join-Path $work "motcua-desk"
$version = (Get-Content "$app\motcua-version.properties" | Where-Object { $_ -like "version=*" }) -replace "version=", ""
if (-not $MsiVersion) {
    # MSI versions are at most 255.255.65535: major.minor from the product, then yyDDD of the build's qualifier date.
    $parts = $version.Split(".")
    $q = $parts[3]
    $day = [datetime]::ParseExact($q.Substring(0, 8), "yyyyMMdd", $null)
    $MsiVersion = "{0}.{1}.{2}{3:000}" -f $parts[0], $parts[1], ($day.Year % 100), $day.DayOfYear
}
Write-Host "MotCua Desk $version -> MSI version $MsiVersion"

# 2. Its own Java runtime: the modules of releng/runtime-modules.txt plus the Windows certificate store (SunMSCAPI,
#    the "Windows store" key source for USB tokens whose vendor installs a CSP).
$modules = (Get-Content "$here\..\runtime-modules.txt" | Where-Object { $_ -and -not $_.StartsWith("#") }) + "jdk.crypto.mscapi"
$runtime = Join-Path $work "runtime"
& "$jdk\bin\jlink.exe" --add-modules ($modules -join ",") --include-locales=en,vi --strip-debug --no-man-pages --no-header-files `
    --generate-cds-archive --output $runtime
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }

# 3. The ahead-of-time cache, recorded by starting the product once (a window opens: leave it, it closes by itself).
if (-not $NoAot) {
    $data = Join-Path $work "aot-data"
    $updateJar = (Get-ChildItem "$app\plugins\vn.motcua.update_*.jar")[0].FullName
    foreach ($round in @("seed", "record")) {
        $env:MOTCUA_DATA = $data
        $env:MOTCUA_AOT = if ($round -eq "record") { "record=$app\motcua.aot" } else { "off" }
        $p = Start-Process -PassThru -FilePath "$runtime\bin\java.exe" -ArgumentList @("-Dmotcua.install=$app", "-cp", $updateJar,
            "vn.motcua.update.install.Launch", "--user", "demo") -RedirectStandardOutput "$work\aot-$round.log"
        $deadline = (Get-Date).AddMinutes(5)
        while (-not (Select-String -Path "$work\aot-$round.log" -Pattern "\[motcua\] startup:" -Quiet) -and (Get-Date) -lt $deadline) { Start-Sleep 1 }
        Start-Sleep 3
        # Closed as a user closes it (WM_CLOSE, never a kill): the cache is closed and, on "record", the JVM writes the
        # AOT cache as it exits.
        Get-CimInstance Win32_Process | Where-Object { $_.CommandLine -like "*motcua.data=$data*" } |
            ForEach-Object { (Get-Process -Id $_.ProcessId).CloseMainWindow() | Out-Null }
        $p.WaitForExit()
    }
    Remove-Item Env:MOTCUA_AOT, Env:MOTCUA_DATA
}

# 4. The MSI: per-user (installs under %LOCALAPPDATA%\Programs, so the program can update itself without an
#    administrator), a start-menu group with the normal and the training entry, a desktop shortcut.
$updateJarName = (Get-ChildItem "$app\plugins\vn.motcua.update_*.jar")[0].Name
& "$jdk\bin\jpackage.exe" --type msi --name "MotCua Desk" --app-version $MsiVersion --vendor "MotCua Desk" `
    --description "MotCua Desk - bo phan mot cua" --icon "$here\motcua.ico" `
    --input $app --main-jar "plugins\$updateJarName" --main-class vn.motcua.update.install.Launch `
    --java-options '-Dmotcua.install=$APPDIR' --runtime-image $runtime `
    --add-launcher "MotCua Desk - Dao tao=$here\training.properties" `
    --win-per-user-install --install-dir "Programs\MotCua Desk" --win-upgrade-uuid $UpgradeCode `
    --win-menu --win-menu-group "MotCua Desk" --win-shortcut --dest $Out
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Write-Host "Done: $(Get-ChildItem $Out\*.msi)"
