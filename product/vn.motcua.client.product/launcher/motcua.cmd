@echo off
rem Starts MotCua Desk from this folder (what the Eclipse native launcher would do): prefers the runtime in jre\ (else
rem finds Java 21+), reads motcua.ini, keeps user data in %LOCALAPPDATA%, restarts when the application exits with code 23.
rem   motcua.cmd [-nl en] [other Eclipse arguments]
setlocal EnableDelayedExpansion
chcp 65001 >nul
set "HERE=%~dp0"

set "JAVAEXE="
if defined MOTCUA_JAVA set "JAVAEXE=%MOTCUA_JAVA%"
if not defined JAVAEXE if exist "%HERE%jre\bin\java.exe" set "JAVAEXE=%HERE%jre\bin\java.exe"
if not defined JAVAEXE if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVAEXE=%JAVA_HOME%\bin\java.exe"
if not defined JAVAEXE for %%J in (java.exe) do set "JAVAEXE=%%~$PATH:J"
if not defined JAVAEXE goto nojava
set "JV=0"
for /f "tokens=3" %%V in ('""%JAVAEXE%" -XshowSettings:properties -version 2>&1 | findstr /c:"java.specification.version""') do set "JV=%%V"
for /f "delims=." %%M in ("%JV%") do set "JV=%%M"
if %JV% LSS 21 goto nojava

rem The installation's update launcher (plain Java, vn.motcua.update.install.Launch) does the rest, as on the start menu:
rem the version that starts (updates, trial start, rollback), motcua.ini, data in %LOCALAPPDATA%, restart on exit code 23.
set "UPDATEJAR="
for %%F in ("%HERE%plugins\vn.motcua.update_*.jar") do set "UPDATEJAR=%%~fF"
if not defined UPDATEJAR (
  echo Bo cai bi thieu tep plugins\vn.motcua.update_*.jar: hay giai nen lai MotCua Desk.
  pause
  exit /b 4
)
rem MOTCUA_TRAINING=1 (motcua-training.cmd) starts the training workspace: its own data under ...\training.
set "MODEARG="
if "%MOTCUA_TRAINING%"=="1" set "MODEARG=--training"
"%JAVAEXE%" "-Dmotcua.install=%HERE%." -cp "%UPDATEJAR%" vn.motcua.update.install.Launch %MODEARG% %*
exit /b %ERRORLEVEL%

:nojava
echo MotCua Desk can Java 21 tro len nhung khong tim thay.
echo Cach khac phuc: cai Java 21 (vi du Temurin 21), hoac dat bien MOTCUA_JAVA tro toi java.exe.
echo MotCua Desk needs Java 21 or newer: install one, or set MOTCUA_JAVA to a java.exe.
pause
exit /b 1
