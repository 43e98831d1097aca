@echo off
rem cliauth for Windows, from the release zip: needs a Java 17 or newer, from JAVA_HOME or else on PATH.
rem Runs from any directory: %~dp0 is this file's own directory (bin\), so the jars are in %~dp0..\lib.
setlocal
set "CLIAUTH_LIB=%~dp0..\lib"
if defined JAVA_HOME (
  set "CLIAUTH_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "CLIAUTH_JAVA=java.exe"
)
if not defined JAVA_HOME (
  where java.exe >nul 2>nul || (
    echo cliauth: no Java found; install a JDK 17 or newer or set JAVA_HOME. 1>&2
    exit /b 8
  )
)
rem The same JVM flags as bin/cliauth: C1 only, no perf-data file, JVM warnings on stderr (stdout carries the token).
"%CLIAUTH_JAVA%" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr -cp "%CLIAUTH_LIB%\cliauth-cli.jar;%CLIAUTH_LIB%\*" dev.cliauth.cli.Main %*
exit /b %ERRORLEVEL%
