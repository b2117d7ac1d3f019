#!/usr/bin/env bash
# Accuracy, per-class precision/recall and confusion matrix of a model on labelled data:
# jobs/evaluate.sh --model MODEL_DIR --data PATH [--json FILE]
exec "$(dirname "$0")/lib/launcher.sh" evaluate "$@"
