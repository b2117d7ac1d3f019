#!/usr/bin/env bash
# Rows at scoring's scale in ingest's Parquet format, made from the MNIST test images:
# jobs/make-scale-data.sh --rows N --out DIR (--help for all options).
exec "$(dirname "$0")/lib/launcher.sh" make-scale-data "$@"
