#!/usr/bin/env bash
# Train a grid of configurations on one cached copy of MNIST and rank them:
# jobs/tune.sh --mnist DIR --out TUNE_DIR --hidden "16,16 32 64,32" [--learning-rates 0.001,0.003]
#   [--activations sigmoid,relu] [--epochs N] [--mode shared-pass|concurrent|sequential] [--parallelism P]
#   [--keep-best N] ... (--help for all). Run it again with the same TUNE_DIR to resume.
exec "$(dirname "$0")/lib/launcher.sh" tune "$@"
