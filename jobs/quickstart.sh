#!/usr/bin/env bash
# The README's first command: builds digitnet, puts verified MNIST into data/mnist (from
# the folder in $MNIST_DIR when it is set, else from the public mirrors), trains the
# default 784,16,16,10 network in the embedded local Spark, prints its test accuracy and
# writes the model to data/models/default. Extra arguments go to train (e.g. --epochs 10).
set -euo pipefail
jobs="$(cd "$(dirname "$0")" && pwd)"
data="$(dirname "$jobs")/data"

from=()
if [ -n "${MNIST_DIR:-}" ]; then
  from=(--from "$MNIST_DIR")
fi
"$jobs/fetch-mnist.sh" --dest "$data/mnist" "${from[@]}"
"$jobs/train.sh" --mnist "$data/mnist" --out "$data/models/default" --overwrite "$@"
