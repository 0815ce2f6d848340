#!/bin/sh
# Applies the `scfSettings` of serverless.yml to the deployed function, with tccli (Tencent Cloud's
# CLI: `pip install tccli`, then `tccli configure`, or TENCENTCLOUD_SECRET_ID/_KEY in the
# environment). The scf component of `sls deploy` has no inputs for these, so run this after it:
#   SCF_REGION=ap-guangzhou deploy/apply-scf-settings.sh
# - PutReservedConcurrencyConfig: the concurrency cap, as SCF reserves it, in memory
#   (reservedConcurrency x memorySize MB);
# - UpdateFunctionEventInvokeConfig: the asynchronous retries of the COS trigger's events
#   (RetryNum, MsgTTL in seconds).
# Then prints both back (GetReservedConcurrencyConfig, GetFunctionEventInvokeConfig).
# DRY_RUN=1 prints the tccli commands instead of running them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
yml=${SERVERLESS_YML:-$here/../serverless.yml}
region=${SCF_REGION:?set SCF_REGION, the region serverless.yml deployed to}

# The few scalar keys this script needs, read from serverless.yml by their indentation.
value() { # $1: indentation, $2: key
  sed -n "s/^$1$2: *\([^ #]*\).*/\1/p" "$yml" | head -n 1
}
function_name=$(value '  ' name)
memory=$(value '  ' memorySize)
concurrency=$(value '  ' reservedConcurrency)
retry_num=$(value '    ' retryNum)
msg_ttl=$(value '    ' msgTTL)
for v in function_name memory concurrency retry_num msg_ttl; do
  eval "test -n \"\$$v\"" || { echo "serverless.yml: no value for $v" >&2; exit 1; }
done
reserved_mem=$((concurrency * memory))

run() {
  if [ "${DRY_RUN:-0}" = 1 ]; then echo "$*"; else "$@"; fi
}

echo "function $function_name in $region: at most $concurrency instances ($reserved_mem MB reserved)," \
     "asynchronous events retried $retry_num times within $msg_ttl s"
run tccli scf PutReservedConcurrencyConfig --region "$region" --FunctionName "$function_name" \
    --ReservedConcurrencyMem "$reserved_mem"
run tccli scf UpdateFunctionEventInvokeConfig --region "$region" --FunctionName "$function_name" \
    --AsyncTriggerConfig "{\"RetryConfig\":[{\"RetryNum\":$retry_num}],\"MsgTTL\":$msg_ttl}"
run tccli scf GetReservedConcurrencyConfig --region "$region" --FunctionName "$function_name"
run tccli scf GetFunctionEventInvokeConfig --region "$region" --FunctionName "$function_name"
