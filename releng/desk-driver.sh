# Drives materialised products under Xvfb with real key presses and clicks (xdotool), for the smoke tests that
# start them (sync-smoke.sh, crash-smoke.sh). Sourced; the caller sets `out` (screenshots and logs) and the
# associative array `disp` (workstation name -> X display), and starts the products at 1366x820. The counter is driven
# from the keyboard only (F2, Ctrl+F, Space, Enter, Tab, Ctrl+S), screens by their keys (F2 counter, F3 dossier list);
# only the login dialog is clicked.

# A display number no X server holds (its lock file is absent), from $1 up.
free_display() { local n=$1; while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done; echo ":$n"; }
x() { DISPLAY="${disp[$1]}" xdotool "${@:2}"; }
shot() { DISPLAY="${disp[$1]}" import -window root "$out/$1-$2.png"; }

# Logs user $2 with password $3 in through the login dialog of workstation $1 (the dialog is showing).
type_login() {
  # The user name field has the focus; keys go to the window under the pointer (no window manager).
  x "$1" mousemove 680 272 click 1; sleep 0.3
  x "$1" type --delay 40 "$2"; x "$1" key Tab; x "$1" type --delay 40 "$3"; x "$1" key Return
}

# Fills a birth registration for applicant $2 (born $3, citizen ID $4 — its 5th–6th digits are the birth year —,
# phone $5) at workstation $1's counter and presses "Tiếp nhận (Ctrl+S)"; the caller waits for the outcome.
fill_and_receive() {
  local ws=$1
  # Keyboard only, as the clerk's guide says; the pointer stays over the window (keys go to the window under it).
  x "$ws" mousemove 680 400 key F2; sleep 2                                   # F2: the "Tiếp nhận" screen
  x "$ws" key ctrl+f; sleep 0.5                                               # Ctrl+F: the procedure search
  x "$ws" type --delay 60 1.001193; sleep 1.5
  x "$ws" key Down; sleep 0.7; x "$ws" key Tab; sleep 0.7                     # the procedure, then its papers (first one under the cursor)
  x "$ws" key space; sleep 0.4; x "$ws" key Down; sleep 0.4; x "$ws" key space; sleep 0.4   # tick the two required papers
  x "$ws" key Return; sleep 0.5                                               # Enter: on to the applicant's name
  x "$ws" type --delay 40 "$2"; x "$ws" key Tab; x "$ws" type --delay 40 "$3"; x "$ws" key Tab
  x "$ws" type --delay 40 "$4"; x "$ws" key Tab; x "$ws" type --delay 40 "$5"; x "$ws" key Tab
  x "$ws" type --delay 40 "thon dong"; sleep 0.5
  shot "$ws" counter-filled
  x "$ws" key ctrl+s                                                          # Ctrl+S: receive
}

# Lines of workstation $1's log matching $2; await_more waits (≤ $4 s) until there are more than $3 of them.
count() { grep -cE "$2" "$out/$1.log" || true; }
await_more() { local i; for i in $(seq 1 $(( $4 * 2 ))); do [ "$(count "$1" "$2")" -gt "$3" ] && return 0; sleep 0.5; done; return 1; }
