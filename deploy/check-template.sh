#!/usr/bin/env bash
# Checks template.yaml: cfn-lint, AWS's SAM transform for every documented parameter combination,
# references, version publishing, and cfn-lint on every transformed template
# (deploy/check_template.py says what each step does).
#
#   deploy/check-template.sh [--template FILE] [--keep DIR]
#
# Needs a Python with cfn-lint and aws-sam-translator (pip install cfn-lint aws-sam-translator);
# PYTHON picks it (default python3). Exit 0: all is well; 1: problems found; 3: tools missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c 'import cfnlint, samtranslator' 2>/dev/null; then
  echo "check-template: $python lacks cfn-lint or aws-sam-translator (pip install cfn-lint aws-sam-translator)" >&2
  exit 3
fi
exec "$python" deploy/check_template.py "$@"
