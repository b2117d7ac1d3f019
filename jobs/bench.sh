#!/usr/bin/env bash
# Benchmarks, printed as Markdown (for BENCHMARKS.md):
# jobs/bench.sh train [--mnist DIR] [--epochs N] [--mlpc-iterations 10,25,50,100,200] [--out FILE] ... (--help for all)
exec "$(dirname "$0")/lib/launcher.sh" bench "$@"
