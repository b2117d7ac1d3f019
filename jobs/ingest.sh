#!/usr/bin/env bash
# Turn MNIST IDX (or CSV) files into compact Parquet: jobs/ingest.sh --input PATH --output DIR
# (--help for all options).
exec "$(dirname "$0")/lib/launcher.sh" ingest "$@"
