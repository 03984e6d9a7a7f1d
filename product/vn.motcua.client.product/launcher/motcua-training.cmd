@echo off
rem Starts MotCua Desk in training mode (separate workspace, demo data, exercises).
set "MOTCUA_TRAINING=1"
call "%~dp0motcua.cmd" %*
