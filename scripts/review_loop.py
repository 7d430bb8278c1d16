#!/usr/bin/env python3
"""A reviewer with the truth, scripted against `./honkoku serve`'s review API, to measure the review loop of
README "Learning from corrections" on a labelled page.

  scripts/review_loop.py URL USER PASSWORD PAGE_ID TRUTH_CSV LABELS_TSV FRACTION [--measure-only]

Signs in, reads the page's boxes (reading order), matches each to the truth box holding its centre, and decides the
first FRACTION of them in reading order as a reviewer would (Enter when the machine is right, the truth's character,
rare for a character outside the model's classes, delete for a box on no character), accepting the look-alikes each
decision brings whose new reading is right (only among the boxes it reviews: the rest stay machine readings). Prints
JSON: decisions, corrections (decisions that changed the machine's reading), look-alikes offered / right / accepted,
and the accuracy of the machine's readings on the boxes after FRACTION before and after. --measure-only decides
nothing and prints that accuracy on the boxes nobody decided (after `reread --adapt`, say). Python 3 standard library only.
"""
import csv
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request


def main(argv):
    url, user, password, page_id, truth_csv, labels_tsv, fraction = argv[:7]
    measure_only = "--measure-only" in argv
    fraction = float(fraction)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = opener.open(url + "/login").read().decode()
    token = re.search(r'name="_csrf"[^>]*value="([^"]+)"', login).group(1)
    opener.open(url + "/login", urllib.parse.urlencode(
        {"username": user, "password": password, "_csrf": token}).encode()).read()
    page = opener.open(url + "/pages/" + page_id).read().decode()
    header = re.search(r'name="csrf-header" content="([^"]+)"', page).group(1)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    boxes = json.loads(re.search(r"window\.BOXES = (\[.*?\]);\s*</script>", page, re.S).group(1))
    image_id = boxes[0]["imageId"]

    named = set()
    with open(labels_tsv, encoding="utf-8") as f:
        for row in f:
            cols = row.rstrip("\n").split("\t")
            if len(cols) > 1 and cols[1].startswith("U+"):
                named.add(cols[1])
    truth = [r for r in csv.DictReader(open(truth_csv, encoding="utf-8")) if r["image_id"] == image_id]
    used = set()

    def truth_of(b):
        cx, cy = b["x"] + b["w"] // 2, b["y"] + b["h"] // 2
        for i, t in enumerate(truth):
            x, y, w, h = int(t["x"]), int(t["y"]), int(t["w"]), int(t["h"])
            if i not in used and x <= cx < x + w and y <= cy < y + h:
                used.add(i)
                return t["unicode"] if t["unicode"] in named else "rare"
        return "deleted"

    def get(box_id):
        return json.loads(opener.open(url + "/api/boxes/%d" % box_id).read().decode())

    def post(path, body):
        request = urllib.request.Request(url + path, json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", header: token})
        return json.loads(opener.open(request).read().decode())

    boxes = [b for b in boxes if not b["deleted"]]
    boxes.sort(key=lambda b: (b["column"], b["order"]))
    labels = {b["id"]: truth_of(b) for b in boxes}
    n = 0 if measure_only else round(fraction * len(boxes))
    reviewed_ids = {b["id"] for b in boxes[:round(fraction * len(boxes))]}
    # measured: the boxes after FRACTION; once reviewed (--measure-only), the boxes nobody decided
    measured = [b for b in boxes if not b["reviewed"]] if measure_only else boxes[round(fraction * len(boxes)):]
    cold = sum(1 for b in measured if b["predicted"] == labels[b["id"]])
    decisions = corrections = offered = right = accepted = 0
    for b in boxes[:n]:
        now = get(b["id"])
        if now["reviewed"] or now["deleted"]:
            continue
        want = labels[b["id"]]
        if want == now["predicted"]:
            action, value = "ACCEPT", None
        elif want == "rare":
            action, value = "RARE", None
        elif want == "deleted":
            action, value = "DELETE", None
        else:
            action, value = "SET", want
        answer = post("/api/boxes/%d/review" % b["id"], {"action": action, "version": now["version"], "value": value})
        decisions += 1
        corrections += action != "ACCEPT"
        lookalikes = answer.get("lookalikes", [])
        offered += len(lookalikes)
        good = [l for l in lookalikes if l["after"] == labels.get(l["id"])]
        right += len(good)
        take = [{"id": l["id"], "version": l["version"], "label": l["after"]} for l in good if l["id"] in reviewed_ids]
        if take:
            accepted += len(post("/api/lookalikes/accept", {"items": take})["boxes"])
    after = sum(1 for b in measured if get(b["id"])["predicted"] == labels[b["id"]])
    print(json.dumps({"image_id": image_id, "boxes": len(boxes), "decisions": decisions, "corrections": corrections,
                      "lookalikes_offered": offered, "lookalikes_right": right, "lookalikes_accepted": accepted,
                      "measured": len(measured), "accuracy_before": round(cold / max(1, len(measured)), 4),
                      "accuracy_now": round(after / max(1, len(measured)), 4)}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
