#!/usr/bin/env bash
# Batch scoring, one outcome per input row (DIR/scored, DIR/rejects, DIR/summary.json):
# jobs/score.sh --model MODEL_DIR --input PATH --output DIR [--input-format auto|parquet|idx|csv|images]
#               [--keep COL,...] [--review-below 0.9] [--outputs] [--overwrite]   (--help for all)
exec "$(dirname "$0")/lib/launcher.sh" score "$@"
