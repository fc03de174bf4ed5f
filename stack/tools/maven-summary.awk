# Turns `mvn -B -ntp verify` output into what a person reads: one line per module (tests, failures, time), the
# failing tests with where their reports are, compiler errors, and the verdict. The full output is in the log.
# Usage: mvn ... | awk -f maven-summary.awk -v root=REPO -v fulllog=FULL_LOG
function now() { srand(); return srand() }
function flush_module() {
  if (module == "") return
  line = sprintf("  %-22s %5d tests", module, tests)
  if (failed > 0) line = line sprintf(", %d FAILED", failed)
  if (skipped > 0) line = line sprintf(", %d skipped", skipped)
  printf "%s  %4d s\n", line, now() - started
  fflush()
  module = ""
}
/^\[INFO\] -+< [^:]+:[^ ]+ >-+$/ {
  flush_module()
  module = $0; sub(/^\[INFO\] -+< [^:]+:/, "", module); sub(/ >-+$/, "", module)
  tests = 0; failed = 0; skipped = 0; started = now()
  next
}
/^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
  split($0, n, /[^0-9]+/)
  tests += n[2]; failed += n[3] + n[4]; skipped += n[5]
  next
}
# Surefire/failsafe list the failing tests under "Failures:" / "Errors:", the compiler its errors and their details.
/^\[ERROR\] (Failures|Errors): *$/ { section = "tests"; next }
/^\[ERROR\] .*\.java:\[[0-9]+,[0-9]+\]/ { section = "compiler"; print "    " substr($0, 9); fflush(); next }
/^\[ERROR\]   [^ ]/ && section == "tests" {
  test = $0; sub(/^\[ERROR\] +/, "", test)
  printf "    FAILED %s\n", substr(test, 1, 300)
  printf "           reports: %s/target/surefire-reports or failsafe-reports\n", root "/" module
  fflush()
  next
}
/^\[ERROR\]   [^ ]/ && section == "compiler" { print "      " substr($0, 11); fflush(); next }
!/^\[ERROR\]   / { section = "" }
/^\[INFO\] Reactor Summary/ { flush_module(); next }
/^\[INFO\] BUILD (SUCCESS|FAILURE)/ { verdict = $3 }
/^\[ERROR\] Failed to execute goal/ { goal = substr($0, 9, 400) }
END {
  flush_module()
  if (verdict != "SUCCESS") {
    if (goal != "") print "    " goal
    print "    full Maven output: " fulllog
  }
}
