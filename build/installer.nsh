; NSIS include of the enrollment station's installer (electron-builder nsis.include).
; electron-builder calls these macros from its own per-machine installer script:
;   customInstall    after the application's files are in $INSTDIR
;   customUnInstall  when the application is removed (also on an upgrade, which runs the old
;                    uninstaller first)
; The names below must equal build/paths.cjs (test/packaging/config.test.ts checks them).

!include LogicLib.nsh

!define STATION_PRODUCT_FOLDER "EnrollmentStation"
!define STATION_FOLDER_SCRIPT "machine-folders.cmd"

!macro customInstall
  ; per machine: $APPDATA is then FOLDERID_ProgramData (C:\ProgramData), resolved by the shell,
  ; not taken from the environment of whoever started the installer
  SetShellVarContext all
  DetailPrint "Securing $APPDATA\${STATION_PRODUCT_FOLDER} (owner, ACL, local group)"
  ; the script ships in resources\ (electron-builder extraResources) and is the one place the
  ; folders' ACL is written: an MSI install or Group Policy runs the same file
  nsExec::ExecToLog '"$SYSDIR\cmd.exe" /d /s /c ""$INSTDIR\resources\${STATION_FOLDER_SCRIPT}" "$APPDATA\${STATION_PRODUCT_FOLDER}""'
  Pop $0
  ${If} $0 != "0"
    ; a station whose key store and log any user could read is worse than no station:
    ; stop here (Abort in a section: "Installation Aborted", exit code 2 for a silent /S
    ; install) instead of reporting success
    DetailPrint "machine-folders.cmd failed with exit code $0"
    MessageBox MB_OK|MB_ICONSTOP "The enrollment station's data folder could not be secured (machine-folders.cmd exit code $0). The installation is stopped; see docs/packaging.md." /SD IDOK
    Abort "machine-folders.cmd failed with exit code $0"
  ${EndIf}
!macroend

!macro customUnInstall
  ; Nothing under ProgramData is removed: the data folder holds the enrollment log (audit
  ; evidence), the sealed management keys of issued cards and their key-encryption key, and the
  ; configuration belongs to whoever deployed it. An administrator removes them deliberately.
  ; The local group stays too (Group Policy may manage its members).
  SetShellVarContext all
  DetailPrint "Keeping $APPDATA\${STATION_PRODUCT_FOLDER} (configuration, enrollment log, keys)"
!macroend
