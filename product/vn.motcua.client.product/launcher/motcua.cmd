@echo off
rem Starts MotCua Desk from this folder (what the Eclipse native launcher would do): finds Java 21+,
rem reads motcua.ini, keeps user data in %LOCALAPPDATA%, restarts when the application exits with code 23.
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

set "LAUNCHER="
for %%F in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fF"
if not defined LAUNCHER (
  echo Bo cai bi thieu tep plugins\org.eclipse.equinox.launcher_*.jar: hay giai nen lai MotCua Desk.
  pause
  exit /b 4
)

set "PROG="
set "VM="
set "MODE=prog"
for /f "usebackq eol=# delims=" %%L in ("%HERE%motcua.ini") do (
  if "%%L"=="-vmargs" (set "MODE=vm") else if "!MODE!"=="vm" (set "VM=!VM! "%%L"") else (set "PROG=!PROG! "%%L"")
)

if not defined MOTCUA_DATA set "MOTCUA_DATA=%LOCALAPPDATA%\MotCua Desk"
if not exist "%MOTCUA_DATA%" mkdir "%MOTCUA_DATA%"
rem MOTCUA_TRAINING=1 (motcua-training.cmd) starts the training workspace: its own data under ...\training.
set "TRAINING=0"
if "%MOTCUA_TRAINING%"=="1" set "TRAINING=1"

:start
if exist "%MOTCUA_DATA%\next-mode" (
  set /p NEXTMODE=<"%MOTCUA_DATA%\next-mode"
  if "!NEXTMODE!"=="training" set "TRAINING=1"
  if "!NEXTMODE!"=="normal" set "TRAINING=0"
  del "%MOTCUA_DATA%\next-mode"
)
set "RUNDATA=%MOTCUA_DATA%"
set "MODEARG="
if "!TRAINING!"=="1" (
  set "RUNDATA=%MOTCUA_DATA%\training"
  set "MODEARG=-Dmotcua.training=true"
)
if not exist "!RUNDATA!" mkdir "!RUNDATA!"
"%JAVAEXE%" !VM! !MODEARG! "-Dmotcua.data=!RUNDATA!" "-Dmotcua.baseData=%MOTCUA_DATA%" "-Dosgi.configuration.cascaded=true" "-Dosgi.sharedConfiguration.area=file:/%HERE:\=/%configuration/" -jar "%LAUNCHER%" -install "%HERE%." -configuration "!RUNDATA!\configuration" -data "!RUNDATA!\workspace" !PROG! %*
if %ERRORLEVEL%==23 goto start
exit /b %ERRORLEVEL%

:nojava
echo MotCua Desk can Java 21 tro len nhung khong tim thay.
echo Cach khac phuc: cai Java 21 (vi du Temurin 21), hoac dat bien MOTCUA_JAVA tro toi java.exe.
echo MotCua Desk needs Java 21 or newer: install one, or set MOTCUA_JAVA to a java.exe.
pause
exit /b 1
