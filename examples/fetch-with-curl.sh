#!/usr/bin/env bash
# SVD factors and an enrichment table from the branchscope API, with curl and a token. Needs bash, curl, grep, sed.
#   BRANCHSCOPE_TOKEN=bst_... bash examples/fetch-with-curl.sh
# BRANCHSCOPE_API_URL says where the API is (default http://127.0.0.1:4000/graphql). Prints two lines of JSON:
# `svdFactors {...}` (AlexNet conv1 -> conv2) and `enrichment [...]` (the published InceptionV1 5x5 labels in mixed3a).
set -euo pipefail
url="${BRANCHSCOPE_API_URL:-http://127.0.0.1:4000/graphql}"
token="${BRANCHSCOPE_TOKEN:?set BRANCHSCOPE_TOKEN to an API token (npm run token -- create --role viewer --name NAME)}"

# POSTs one GraphQL request body (JSON) and prints the answer; stops naming the errors when there are any.
graphql() {
  local answer
  answer=$(curl --silent --show-error --fail-with-body -X POST "$url" \
    -H 'content-type: application/json' -H "authorization: Bearer $token" --data "$1") || {
    echo "request to $url failed: $answer" >&2
    exit 1
  }
  if grep -q '"errors"' <<<"$answer"; then
    echo "the API answered with errors: $answer" >&2
    exit 1
  fi
  printf '%s' "$answer"
}

svd='{"query":"query { svdFactors(modelId: \"alexnet\", from: \"conv1\", to: \"conv2\") { result { modelId from to rows cols singularValues explainedVariance } job { id status error } } }"}'
answer=$(graphql "$svd")
# Asked while its job runs, the answer has no result yet: follow the job until it ends, then ask again.
while grep -q '"result":null' <<<"$answer"; do
  job=$(sed -E 's/.*"job":\{"id":"([^"]+)".*/\1/' <<<"$answer")
  status=$(graphql "{\"query\":\"query { job(id: \\\"$job\\\") { status error } }\"}")
  case "$status" in
    *'"FAILED"'* | *'"CANCELLED"'*) echo "svdFactors job $job ended: $status" >&2; exit 1 ;;
    *'"SUCCEEDED"'*) answer=$(graphql "$svd") ;;
    *) sleep 0.5 ;;
  esac
done
echo "svdFactors $(sed -E 's/.*"result":(\{[^}]*\}).*/\1/' <<<"$answer")"

enrichment='{"query":"query { enrichment(modelId: \"inceptionv1\", labelSetId: \"published:inceptionv1-5x5\", layer: \"mixed3a\") { branch category inBranch categorySize branchSize p q } }"}'
answer=$(graphql "$enrichment")
echo "enrichment $(sed -E 's/.*"enrichment":(\[.*\])\}\}.*/\1/' <<<"$answer")"
