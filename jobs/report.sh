#!/usr/bin/env bash
# A report folder (index.html + PNG) that shows what a model holds and does:
# jobs/report.sh --model MODEL_DIR [--data PATH] [--tune TUNE_DIR] --out REPORT_DIR [--screenshot]
exec "$(dirname "$0")/lib/launcher.sh" report "$@"
