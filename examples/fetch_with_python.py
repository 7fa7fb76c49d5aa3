#!/usr/bin/env python3
"""SVD factors and an enrichment table from the branchscope API, with Python's standard library and a token.

    BRANCHSCOPE_TOKEN=bst_... python3 examples/fetch_with_python.py

BRANCHSCOPE_API_URL says where the API is (default http://127.0.0.1:4000/graphql). Prints AlexNet's conv1 -> conv2
singular values and the enrichment of the published InceptionV1 5x5 labels in mixed3a, one row per branch and category.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

URL = os.environ.get("BRANCHSCOPE_API_URL") or "http://127.0.0.1:4000/graphql"
TOKEN = os.environ.get("BRANCHSCOPE_TOKEN")

SVD = """query ($modelId: ID!, $from: String!, $to: String!) {
  svdFactors(modelId: $modelId, from: $from, to: $to) {
    result { rows cols singularValues explainedVariance }
    job { id status error }
  }
}"""
JOB = "query ($id: ID!) { job(id: $id) { status error } }"
ENRICHMENT = """query ($modelId: ID!, $labelSetId: ID!, $layer: String!) {
  enrichment(modelId: $modelId, labelSetId: $labelSetId, layer: $layer) { branch category inBranch categorySize branchSize p q }
}"""


def graphql(query, variables):
    """POSTs one operation with the token; returns its data, or exits naming the errors."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        URL, data=body, headers={"content-type": "application/json", "authorization": f"Bearer {TOKEN}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error)
    except urllib.error.URLError as error:
        sys.exit(f"cannot reach the branchscope API at {URL}: {error.reason}")
    if answer.get("errors"):
        sys.exit("the API answered: " + "; ".join(f"{e['message']} ({e.get('extensions', {}).get('code')})" for e in answer["errors"]))
    return answer["data"]


def svd_factors(variables):
    """The factors, following the job (by polling) while the API computes them."""
    while True:
        answer = graphql(SVD, variables)["svdFactors"]
        if answer["result"] is not None:
            return answer["result"]
        job = answer["job"]
        while job["status"] in ("QUEUED", "RUNNING"):
            time.sleep(0.5)
            job = graphql(JOB, {"id": answer["job"]["id"]})["job"]
        if job["status"] != "SUCCEEDED":
            sys.exit(f"the svdFactors job ended {job['status']}: {job['error']}")


def exponent(x):
    """x as JavaScript's toExponential(3) writes it (1.234e-5), so every example prints the same text."""
    return f"{x:.3e}".replace("e-0", "e-").replace("e+0", "e+")


def main():
    if not TOKEN:
        sys.exit("set BRANCHSCOPE_TOKEN to an API token (npm run token -- create --role viewer --name NAME)")
    svd = svd_factors({"modelId": "alexnet", "from": "conv1", "to": "conv2"})
    print(f"svdFactors alexnet conv1 -> conv2: {svd['rows']} x {svd['cols']}")
    print("singular values: " + " ".join(f"{s:.4f}" for s in svd["singularValues"]))
    rows = graphql(ENRICHMENT, {"modelId": "inceptionv1", "labelSetId": "published:inceptionv1-5x5", "layer": "mixed3a"})["enrichment"]
    print("enrichment inceptionv1 published:inceptionv1-5x5 mixed3a:")
    print("branch\tcategory\tinBranch\tcategorySize\tbranchSize\tp\tq")
    for r in rows:
        print("\t".join([r["branch"], r["category"], str(r["inBranch"]), str(r["categorySize"]), str(r["branchSize"]), exponent(r["p"]), exponent(r["q"])]))


if __name__ == "__main__":
    main()
