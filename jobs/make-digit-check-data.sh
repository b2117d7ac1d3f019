#!/usr/bin/env bash
# Training data for a "whole digit" check in ingest's Parquet format, made from the MNIST
# training images: jobs/make-digit-check-data.sh --out DIR [--rows N] (--help for all options).
exec "$(dirname "$0")/lib/launcher.sh" make-digit-check-data "$@"
