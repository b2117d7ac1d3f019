#!/usr/bin/env bash
# Train a network on MNIST and write the model directory:
# jobs/train.sh --mnist DIR --out MODEL_DIR [--layers 784,16,16,10] [--epochs N] ... (--help for all)
exec "$(dirname "$0")/lib/launcher.sh" train "$@"
