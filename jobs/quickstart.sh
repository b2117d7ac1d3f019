#!/usr/bin/env bash
# The README's first command: builds digitnet, puts verified MNIST into data/mnist (from
# the folder in $MNIST_DIR when it is set, else from the public mirrors), trains the
# default 784,16,16,10 network in the embedded local Spark, prints its test accuracy and
# writes the model to data/models/default, then the whole-digit check that reading fields
# of several digits uses into data/models/default/digit-check (README, Fields). Extra
# arguments go to the digit network's train (e.g. --epochs 10).
set -euo pipefail
jobs="$(cd "$(dirname "$0")" && pwd)"
data="$(dirname "$jobs")/data"

from=()
if [ -n "${MNIST_DIR:-}" ]; then
  from=(--from "$MNIST_DIR")
fi
"$jobs/fetch-mnist.sh" --dest "$data/mnist" "${from[@]}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$jobs/train.sh" --mnist "$data/mnist" --out "$data/models/default" --overwrite "$@" | tee "$log"
"$jobs/make-digit-check-data.sh" --mnist "$data/mnist" --out "$data/digit-check-data" --overwrite
"$jobs/train.sh" --train "$data/digit-check-data" --layers 784,128,2 --output softmax --epochs 20 \
  --out "$data/models/default/digit-check" --overwrite
# The digit network's figure last, where a reader of the output looks for it.
echo "quickstart: data/models/default, with its whole-digit check in data/models/default/digit-check"
grep '^test accuracy' "$log"
