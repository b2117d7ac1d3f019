#!/usr/bin/env bash
# Labelled digits rendered as scanned PNG/JPEG files named <id>-<label>.<ext>, for testing the image path:
# jobs/make-scan-data.sh --out DIR [--mnist DIR] [--count N] [--format png|jpeg|mixed] [--seed N]
exec "$(dirname "$0")/lib/launcher.sh" make-scan-data "$@"
