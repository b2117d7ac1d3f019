#!/usr/bin/env bash
# The README's first command: builds digitnet, puts verified MNIST into data/mnist (from
# the folder in $MNIST_DIR when it is set, else from the public mirrors) and ingests the
# training and test sets into data/parquet/train and data/parquet/test. Extra arguments
# go to both ingest runs (e.g. --master local[2]).
set -euo pipefail
jobs="$(cd "$(dirname "$0")" && pwd)"
data="$(dirname "$jobs")/data"

from=()
if [ -n "${MNIST_DIR:-}" ]; then
  from=(--from "$MNIST_DIR")
fi
"$jobs/fetch-mnist.sh" --dest "$data/mnist" "${from[@]}"
for part in train t10k; do
  name=$([ "$part" = train ] && echo train || echo test)
  "$jobs/ingest.sh" --input "$data/mnist/$part-images-idx3-ubyte.gz" --output "$data/parquet/$name" \
    --overwrite "$@"
done
