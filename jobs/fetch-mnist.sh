#!/usr/bin/env bash
# Put the four MNIST files, verified, into data/mnist (or --dest DIR), from the mirrors
# in conf/mnist-mirrors.txt, --mirror URL, or a local copy with --from DIR.
exec "$(dirname "$0")/lib/launcher.sh" fetch "$@"
