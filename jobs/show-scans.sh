#!/usr/bin/env bash
# The first scans of a folder, each beside the 28x28 the network is given for it:
# jobs/show-scans.sh --input FOLDER --out DIR [--count N]
exec "$(dirname "$0")/lib/launcher.sh" show-scans "$@"
