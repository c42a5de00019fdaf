#!/usr/bin/env python3
"""Writes a pair of n8n-shaped workflows, before.json and after.json, with about 1% realistic
edits between them: changed parameters, added, removed and renamed nodes, rewired edges, a
reordered node array, changed credential ids. Deterministic for a given size and seed."""
import json
import random
import sys
import uuid

TYPES = [
    ("n8n-nodes-base.httpRequest", 4.2, "httpHeaderAuth"),
    ("n8n-nodes-base.set", 3.4, None),
    ("n8n-nodes-base.if", 2, None),
    ("n8n-nodes-base.code", 2, None),
    ("n8n-nodes-base.postgres", 2.5, "postgres"),
    ("n8n-nodes-base.slack", 2.2, "slackApi"),
    ("@n8n/n8n-nodes-langchain.openAi", 1.8, "openAiApi"),
    ("n8n-nodes-base.googleSheets", 4.5, "googleSheetsOAuth2Api"),
]


def node(rng, index):
    kind, version, credential = TYPES[rng.randrange(len(TYPES))]
    name = f"Step {index} {kind.rsplit('.', 1)[1]}"
    parameters = {
        "url": f"https://api.example.com/v1/items/{index}",
        "options": {"timeout": rng.randrange(1000, 60000), "retry": {"maxTries": rng.randrange(1, 5)}},
        "jsCode": f"// step {index}\nreturn items.map(i => ({{ json: {{ ...i.json, step: {index}, score: {rng.random():.17f} }} }}));",
        "assignments": {"assignments": [{"id": str(uuid.UUID(int=rng.getrandbits(128))), "name": f"field{k}", "value": f"={{{{ $json.value{k} }}}}", "type": "string"} for k in range(1)]},
    }
    result = {
        "parameters": parameters,
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "name": name,
        "type": kind,
        "typeVersion": version,
        "position": [rng.randrange(-5000, 5000) + 0.123456789012345, rng.randrange(-5000, 5000)],
    }
    if credential:
        result["credentials"] = {credential: {"id": "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(16)), "name": f"{credential} account"}}
    return result


def connections(nodes, rng):
    result = {}
    for index in range(len(nodes) - 1):
        targets = [{"node": nodes[index + 1]["name"], "type": "main", "index": 0}]
        if index + 7 < len(nodes) and rng.random() < 0.1:
            targets.append({"node": nodes[index + 7]["name"], "type": "main", "index": 0})
        result[nodes[index]["name"]] = {"main": [targets, []] if rng.random() < 0.05 else [targets]}
    return result


def workflow(nodes, rng):
    return {"name": "Generated", "nodes": nodes, "connections": connections(nodes, rng), "pinData": {}, "settings": {"executionOrder": "v1"},
            "versionId": str(uuid.UUID(int=rng.getrandbits(128))), "meta": {"instanceId": "%064x" % rng.getrandbits(256)}, "tags": []}


def enumerated_slots(outputs):
    return list(enumerate(outputs["main"]))


def main():
    size, folder = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = random.Random(seed)
    nodes = [node(rng, index) for index in range(size)]
    before = workflow(nodes, random.Random(seed + 1))

    edits = max(5, size // 100)
    per_kind = max(1, edits // 6)
    rng = random.Random(seed + 2)
    after = json.loads(json.dumps(before))
    nodes_after = after["nodes"]
    connections_after = after["connections"]
    for _ in range(per_kind):  # changed parameters
        nodes_after[rng.randrange(len(nodes_after))]["parameters"]["options"]["timeout"] += 1
    for _ in range(per_kind):  # changed credential ids
        candidates = [n for n in nodes_after if "credentials" in n]
        for entry in rng.choice(candidates)["credentials"].values():
            entry["id"] = entry["id"][::-1]
    for _ in range(per_kind):  # renamed nodes: connections keys and targets follow, as n8n does
        victim = nodes_after[rng.randrange(len(nodes_after))]
        old, new = victim["name"], victim["name"] + " (renamed)"
        victim["name"] = new
        if old in connections_after:
            connections_after[new] = connections_after.pop(old)
        for outputs in connections_after.values():
            for slot in outputs["main"]:
                for target in slot:
                    if target["node"] == old:
                        target["node"] = new
    for _ in range(per_kind):  # removed nodes, with their connections
        victim = nodes_after.pop(rng.randrange(1, len(nodes_after) - 1))
        connections_after.pop(victim["name"], None)
        for outputs in connections_after.values():
            for index, slot in enumerated_slots(outputs):
                outputs["main"][index] = [t for t in slot if t["node"] != victim["name"]]
    for index in range(per_kind):  # added nodes, wired after an existing one
        added = node(rng, size + index)
        nodes_after.insert(rng.randrange(len(nodes_after)), added)
        source = rng.choice(nodes_after)["name"]
        connections_after.setdefault(source, {"main": [[]]})["main"][0].append({"node": added["name"], "type": "main", "index": 0})
    for _ in range(per_kind):  # rewired edges
        outputs = connections_after[rng.choice(list(connections_after))]
        if outputs["main"][0]:
            outputs["main"][0][0]["node"] = rng.choice(nodes_after)["name"]
    rng.shuffle(nodes_after)  # a reordered node array: no change at all to a semantic diff
    with open(f"{folder}/before.json", "w") as out:
        json.dump(before, out, indent=2, ensure_ascii=False)
    with open(f"{folder}/after.json", "w") as out:
        json.dump(after, out, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
