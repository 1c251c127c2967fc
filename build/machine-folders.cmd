@echo off
rem Creates the enrollment station's machine-wide folders and sets their owner and ACL:
rem
rem   %ProgramData%\EnrollmentStation        SYSTEM, Administrators: full control
rem     (station.json, CA bundle, ...)       EnrollmentStation Users: read        (read-only config)
rem   %ProgramData%\EnrollmentStation\data   SYSTEM, Administrators: full control
rem     (keys, ledger, journal, audit log)   EnrollmentStation Users: modify      (nobody else reads)
rem
rem Both ACLs are protected (nothing inherited from ProgramData, whose default ACL lets every
rem user read, and own what they create). Run elevated, by the NSIS installer
rem (build/installer.nsh) or for an MSI install by an administrator or a Group Policy computer
rem startup script (docs/packaging.md). Usage: machine-folders.cmd [folder]
rem Accounts are named by SID (Administrators S-1-5-32-544, SYSTEM S-1-5-18): their names are
rem translated on Korean and Chinese Windows. The station group is ours and keeps its name.
rem Exit codes: 0 done, 2 not elevated, 3 a folder is a link or a file, 4 group, 5 ACL.
setlocal EnableExtensions DisableDelayedExpansion

set "ROOT=%~1"
if "%ROOT%"=="" set "ROOT=%ProgramData%\EnrollmentStation"
set "DATA=%ROOT%\data"
set "GROUP=EnrollmentStation Users"
set "ICACLS=%SystemRoot%\System32\icacls.exe"
set "NET=%SystemRoot%\System32\net.exe"

rem elevated? (fltmc answers only an administrator's token)
"%SystemRoot%\System32\fltmc.exe" >nul 2>&1 || (echo machine-folders: run elevated 1>&2 & exit /b 2)

rem the group whose members (the kiosk's Windows accounts) may run the station
"%NET%" localgroup "%GROUP%" >nul 2>&1 || "%NET%" localgroup "%GROUP%" /add /comment:"Windows accounts that run the enrollment station" >nul
"%NET%" localgroup "%GROUP%" >nul 2>&1 || (echo machine-folders: cannot create the local group %GROUP% 1>&2 & exit /b 4)

rem Any user may create folders in ProgramData, so either folder may already exist, planted by
rem someone else, possibly as a junction to a folder of their choosing. Every icacls call uses
rem /L (act on a link itself, never its target). The owner and ACL are set first, so once this
rem script looks at a folder nobody but an administrator can replace it any more.
if not exist "%ROOT%\" mkdir "%ROOT%" || (echo machine-folders: cannot create %ROOT% 1>&2 & exit /b 5)
call :lock "%ROOT%" "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "%GROUP%:(OI)(CI)RX" || exit /b
call :real_folder "%ROOT%" || exit /b 3

if not exist "%DATA%\" mkdir "%DATA%" || (echo machine-folders: cannot create %DATA% 1>&2 & exit /b 5)
call :lock "%DATA%" "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "%GROUP%:(OI)(CI)M" || exit /b
call :real_folder "%DATA%" || exit /b 3

rem What is already inside (a station.json from Group Policy, the data of an earlier install)
rem is kept, but its owner becomes Administrators and its ACL the inherited one: an entry
rem planted earlier with rights of its own loses them (/L: a link found there is changed itself).
"%ICACLS%" "%ROOT%\*" /setowner *S-1-5-32-544 /T /C /L /Q >nul || (echo machine-folders: cannot set owners under %ROOT% 1>&2 & exit /b 5)
"%ICACLS%" "%ROOT%\*" /reset /T /C /L /Q >nul || (echo machine-folders: cannot reset ACLs under %ROOT% 1>&2 & exit /b 5)
rem /reset above made data inherit from ROOT again: protect it once more
call :lock "%DATA%" "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "%GROUP%:(OI)(CI)M" || exit /b
exit /b 0

:lock
rem Owner Administrators first (then nobody else may change the ACL), then /reset drops every
rem explicit entry a planter may have left, then inheritance is removed and exactly the grants
rem given remain. Between the last two calls the folder inherits ProgramData's ACL for a moment;
rem its owner is already Administrators, and the pass over the contents comes after.
"%ICACLS%" "%~1" /setowner *S-1-5-32-544 /L /Q >nul || (echo machine-folders: cannot take %~1 1>&2 & exit /b 5)
"%ICACLS%" "%~1" /reset /L /Q >nul || (echo machine-folders: cannot reset the ACL of %~1 1>&2 & exit /b 5)
"%ICACLS%" "%~1" /inheritance:r /grant:r %2 %3 %4 /L /Q >nul || (echo machine-folders: cannot set the ACL of %~1 1>&2 & exit /b 5)
exit /b 0

:real_folder
rem %~a1: d = folder, l = reparse point (junction or symbolic link)
set "ATTR=%~a1"
if not "%ATTR:~0,1%"=="d" (echo machine-folders: %~1 is not a folder 1>&2 & exit /b 3)
if not "%ATTR:l=%"=="%ATTR%" (echo machine-folders: %~1 is a link; remove it and run again 1>&2 & exit /b 3)
exit /b 0
