#!/usr/bin/env python3
"""Writes COUNT n8n workflow exports into FOLDER the way `n8n export:workflow --all --separate
--pretty` lays them out (one file per workflow, two-space indent, instance fields such as id,
active, createdAt, versionId and meta), 20 to 80 nodes each, and `connections.fps`: the
`connection add` lines for a target holding every credential the workflows reference (by name,
type and id, as a real target would after its credentials were created). Deterministic for a
given count and seed.

usage: generate_n8n_bulk.py COUNT FOLDER [SEED]"""
import json
import os
import random
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_n8n import TYPES, connections, node  # noqa: E402

ACCOUNTS = 6  # credentials per type in the source instance, each a connection of the target
ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def credential_pool(rng):
    pool = {}
    for _, _, credential in TYPES:
        if credential and credential not in pool:
            pool[credential] = [("".join(rng.choice(ID_ALPHABET) for _ in range(16)), f"{credential} {k + 1}") for k in range(ACCOUNTS)]
    return pool


def workflow(index, rng, pool):
    nodes = [node(rng, step) for step in range(rng.randrange(20, 81))]
    for entry in nodes:
        for credential in entry.get("credentials", {}):
            ident, name = rng.choice(pool[credential])
            entry["credentials"][credential] = {"id": ident, "name": name}
    stamp = f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}T{index % 24:02d}:{index % 60:02d}:00.000Z"
    return {
        "createdAt": stamp,
        "updatedAt": stamp,
        "id": "".join(rng.choice(ID_ALPHABET) for _ in range(16)),
        "name": f"Workflow {index:05d} {rng.choice(['orders', 'billing', 'crm sync', 'alerts', 'reports', 'etl'])}",
        "active": rng.random() < 0.5,
        "nodes": nodes,
        "connections": connections(nodes, rng),
        "settings": {"executionOrder": "v1", "saveManualExecutions": True, "callerPolicy": "workflowsFromSameOwner"},
        "staticData": None,
        "meta": {"templateCredsSetupCompleted": True, "instanceId": "%064x" % rng.getrandbits(256)},
        "pinData": {},
        "versionId": str(uuid.UUID(int=rng.getrandbits(128))),
        "triggerCount": 0,
        "tags": [{"createdAt": stamp, "updatedAt": stamp, "id": "".join(rng.choice(ID_ALPHABET) for _ in range(16)), "name": "generated"}],
    }


def main():
    count, folder = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    os.makedirs(folder, exist_ok=True)
    pool = credential_pool(random.Random(seed))
    for index in range(count):
        document = workflow(index, random.Random(seed * 1_000_003 + index), pool)
        with open(os.path.join(folder, f"{document['id']}.json"), "w") as out:
            json.dump(document, out, indent=2, ensure_ascii=False)
    with open(os.path.join(folder, "connections.fps"), "w") as out:
        for credential, accounts in pool.items():
            for ident, name in accounts:
                out.write(f"connection add '{name}' --type {credential} --prop id={ident}\n")


if __name__ == "__main__":
    main()
